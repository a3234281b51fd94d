/**
 * `--em-style 9.5`: JSON as a 9.5 Update 4 server wrote it, after the live fixtures in
 * surfer190/veeam tests/test_client.py (no null members; paging links keep the client's parameter
 * order and re-encode the filter). The default (12) is tested everywhere else.
 */
import t from 'tap';
import { build, logon, get, HOST } from './helper.js';
import { parseConfig, ConfigError } from '../src/config.js';
import { withoutNulls } from '../src/repr/json.js';

t.test('the option: 12 by default, 9.5 on request, anything else refused', async (t) => {
  t.equal(parseConfig([], {}).config.emStyle, '12');
  t.equal(parseConfig(['--em-style', '9.5'], {}).config.emStyle, '9.5');
  t.equal(parseConfig([], { EM_MOCK_EM_STYLE: '9.5' }).config.emStyle, '9.5');
  t.throws(
    () => parseConfig(['--em-style=13'], {}),
    new ConfigError('invalid --em-style (EM_MOCK_EM_STYLE) value "13": expected 12 or 9.5'),
  );
});

t.test('withoutNulls drops null members only', async (t) => {
  t.equal(withoutNulls('{"A":null,"B":null}'), '{}');
  t.equal(
    withoutNulls('{"A":null,"B":1,"C":null,"D":{"E":null},"F":[{"G":null,"H":"x"}]}'),
    '{"B":1,"D":{},"F":[{"H":"x"}]}',
  );
  t.equal(
    withoutNulls('{"A":"a,\\"B\\":null","C":"{\\"D\\":null}"}'),
    '{"A":"a,\\"B\\":null","C":"{\\"D\\":null}"}',
    'text inside strings stays',
  );
  t.equal(withoutNulls('{"A":"null","B":0}'), '{"A":"null","B":0}');
});

t.test('a 9.5 server: the shapes of the U4 fixtures', async (t) => {
  const { app } = await build({ emStyle: '9.5' });
  t.teardown(() => app.close());
  const token = await logon(app);
  // surfer190's get_failed_jobs request, with a date inside the seeded history.
  const url = '/api/query?type=BackupJobSession&format=entities&filter=result==%22Failed%22;endtime%3E%222026-11-01%22';
  const body = JSON.parse((await get(app, token, url, 'json')).body);
  t.same(Object.keys(body), ['Entities', 'PagingInfo']);
  t.same(Object.keys(body.Entities), ['BackupJobSessions']);
  const session = body.Entities.BackupJobSessions.BackupJobSessions[0];
  t.same(Object.keys(session), [
    'IsRetry',
    'JobUid',
    'JobName',
    'JobType',
    'CreationTimeUTC',
    'EndTimeUTC',
    'State',
    'Result',
    'Progress',
    'Name',
    'UID',
    'Links',
    'Href',
    'Type',
  ]);
  t.same(
    session.Links.map((l: Record<string, string>) => Object.keys(l).join()),
    [
      'Rel,Href,Name,Type',
      'Rel,Href,Name,Type',
      'Rel,Href,Name,Type',
      'Rel,Href,Type',
      'Rel,Href',
      ...session.Links.slice(5).map(() => 'Rel,Href,Name,Type'),
    ],
  );
  const link = `http://${HOST}/api/query?type=BackupJobSession&format=entities&filter=result%3d%3d%22Failed%22%3bendtime%3e%222026-11-01%22&pageSize=100&page=1`;
  t.same(body.PagingInfo, {
    Links: [
      { Rel: 'First', Href: link },
      { Rel: 'Last', Href: link },
    ],
    PageNum: 1,
    PageSize: 100,
    PagesCount: 1,
  });
  t.match(
    (await get(app, token, url, 'xml')).body,
    `<Link Href="${link.replaceAll('&', '&amp;')}" Rel="First" />`,
    'XML links too',
  );

  const empty = (
    await get(
      app,
      token,
      '/api/query?type=BackupJobSession&format=entities&filter=creationtime%3E%222030-01-01%22',
      'json',
    )
  ).body;
  t.match(
    empty,
    /^\{"Entities":\{"BackupJobSessions":\{"BackupJobSessions":\[\]\}\},"PagingInfo":/,
    'EMPTY_SUCCESSFUL_JOBS_RESPONSE',
  );

  const m = 'Query parameter pageSize must be 1 or more; got 0.';
  t.equal(
    (await get(app, token, '/api/query?type=Job&pageSize=0', 'json')).body,
    `{"FirstChanceExceptionMessage":"${m}","Message":"${m}","StackTrace":null,"Status":null,"StatusCode":400}`,
    'the Error body keeps its nulls, as 9.5 wrote it',
  );
});
