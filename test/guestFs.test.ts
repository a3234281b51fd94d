import t from 'tap';
import { GuestFs, guestOsOf, type FsEntry } from '../data/guestFs.js';
import { loadFaker } from '../data/fake.js';
import type { Vm } from '../data/model.js';

const AS_OF = Date.parse('2026-11-29T12:00:00Z');
const vm = (name: string, platform: 'VMware' | 'HyperV' = 'VMware'): Vm => ({
  name,
  root: { id: 'root-1', name: 'vcsa1.tech.local', platform, backupServer: {} as Vm['root']['backupServer'] },
  objectRef: `vm-${name}`,
  sizeBytes: 0,
});

/** Every folder of the tree, breadth first, up to `limit` folders. */
function walk(fs: GuestFs, limit: number): FsEntry[] {
  const queue = fs.roots();
  const seen: FsEntry[] = [];
  while (queue.length > 0 && seen.length < limit) {
    const dir = queue.shift()!;
    seen.push(dir);
    queue.push(...fs.list(dir).dirs);
  }
  return seen;
}

t.before(loadFaker);

t.test('the guest OS comes from the role a VM is named after; Windows otherwise', async (t) => {
  t.same(
    ['web-101', 'proxy-108-hv', 'build-207', 'sql-103', 'dc-105', 'myvm'].map((n) => guestOsOf(vm(n))),
    ['Linux', 'Linux', 'Linux', 'Windows', 'Windows', 'Windows'],
  );
});

t.test('every role’s tree is well formed: unique sorted names, paths under their folder, finite', async (t) => {
  for (const name of ['app-1', 'sql-1', 'file-1', 'dc-1', 'mail-1', 'web-1', 'proxy-1', 'build-1']) {
    for (const platform of ['VMware', 'HyperV'] as const) {
      const fs = new GuestFs(7, vm(name, platform), guestOsOf(vm(name)), AS_OF);
      const dirs = walk(fs, 5000);
      t.ok(dirs.length < 5000, `${name}: the tree ends (${dirs.length} folders)`);
      let files = 0;
      for (const dir of dirs) {
        const { dirs: sub, files: leaves } = fs.list(dir);
        const keys = [...sub, ...leaves].map((e) => fs.key(e.name));
        t.equal(new Set(keys).size, keys.length, `${dir.path}: names are unique`);
        for (const group of [sub, leaves]) {
          const names = group.map((e) => fs.key(e.name));
          t.same(names, [...names].sort(), `${dir.path}: sorted`);
        }
        for (const e of [...sub, ...leaves]) {
          if (!(e.path === `${dir.path}/${e.name}` || e.path === `/${e.name}`))
            t.fail(`${e.path} is not under ${dir.path}`);
          if (!(e.modified < AS_OF) || (!e.dir && e.size <= 0))
            t.fail(`${e.path}: size ${e.size}, modified ${e.modified}`);
        }
        files += leaves.length;
        if (dir.path.split('/').length > 9) t.fail(`${dir.path} is deeper than generated folders go`);
      }
      t.ok(files > 50, `${name} on ${platform}: ${files} files`);
      t.equal(
        fs.find(dirs.at(-1)!.path.split('/')[0] || '/', dirs.at(-1)!.path.split('/').slice(1).filter(Boolean))?.path,
        dirs.at(-1)!.path,
      );
    }
  }
});

t.test('the same seed and VM give the same tree; another seed another', async (t) => {
  const list = (seed: number) => {
    const fs = new GuestFs(seed, vm('file-1'), 'Windows', AS_OF);
    return walk(fs, 200).map((d) => fs.list(d));
  };
  t.same(list(3), list(3));
  t.not(JSON.stringify(list(3)), JSON.stringify(list(4)));
});
