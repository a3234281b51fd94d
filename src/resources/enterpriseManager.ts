import { el, links, list, type El } from '../repr/tree.js';
import { href } from '../repr/href.js';

/** Versions `?v=` accepted at logon; `latest` is v1_7 (VBR 12–13). */
export const LOGON_VERSIONS = ['v1_2', 'v1_3', 'v1_4', 'v1_5', 'v1_6', 'v1_7'] as const;
/** Versions the entry point advertises, as current EM does. */
const ADVERTISED = ['v1_5', 'v1_6', 'v1_7'];

/** `GET /api/`: links to the session list and logon, and one logon link per supported version. */
export function enterpriseManagerRepresentation(): El {
  return el(
    'EnterpriseManager',
    {
      elems: {
        Links: links([
          { rel: 'Down', href: href('logonSessions'), type: 'LogonSessionList' },
          { rel: 'Create', href: href('sessionMngr/?v=latest'), type: 'LogonSession' },
        ]),
      },
    },
    {
      elems: {
        SupportedVersions: list(
          'SupportedVersions',
          'SupportedVersions',
          ADVERTISED.map((v) =>
            el('SupportedVersion', {
              elems: { Links: links([{ rel: 'Create', href: href(`sessionMngr/?v=${v}`), type: 'LogonSession' }]) },
              attrs: { Name: v },
            }),
          ),
        ),
      },
    },
  );
}
