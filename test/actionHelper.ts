import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HOST, type Fmt } from './helper.js';

export interface Sent {
  method?: 'POST' | 'DELETE' | 'PUT';
  /** Answer format (Accept). */
  fmt?: Fmt;
  body?: string | object;
  /** Content-Type; JSON by default for an object body, XML for a string. */
  contentType?: string;
}

/** An authenticated action request (POST by default) with an optional XML or JSON body. */
export function act(
  app: FastifyInstance,
  token: string,
  url: string,
  sent: Sent = {},
): Promise<LightMyRequestResponse> {
  const { body } = sent;
  const contentType =
    sent.contentType ??
    (body === undefined ? undefined : typeof body === 'string' ? 'application/xml' : 'application/json');
  return app.inject({
    method: sent.method ?? 'POST',
    url,
    headers: {
      host: HOST,
      'x-restsvcsessionid': token,
      ...(sent.fmt === 'json' ? { accept: 'application/json' } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** The GUID at the end of a UID. */
export const guid = (uid: string) => uid.split(':').pop()!;

/** EM's namespace declarations as the docs' request samples write them. */
export const EM_NS =
  'xmlns="http://www.veeam.com/ent/v1.0" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
