import type { Platform, Vm } from './model.js';
import { Rng } from './random.js';
import { fake } from './fake.js';
import { DAY, HOUR } from './time.js';

/**
 * The guest file system a file-level restore mount shows: a seeded, deterministic tree per VM,
 * generated one directory at a time as it is browsed (nothing at start-up or at mount time).
 * Paths are written as EM writes them: forward slashes, a Windows drive as `C:`
 * (`C:/Users/Public`), a Linux path from `/` (`/etc/hosts`).
 */

export type GuestOs = 'Windows' | 'Linux';

/**
 * The model has no guest OS, so it is read from the role a generated VM is named after
 * (`web-101`); any other VM runs Windows, EM's default guest OS for a mount.
 */
const LINUX_ROLES = new Set(['web', 'proxy', 'build']);

export const guestOsOf = (vm: Vm): GuestOs => (LINUX_ROLES.has(roleOf(vm)) ? 'Linux' : 'Windows');

const roleOf = (vm: Vm) => vm.name.split('-')[0]!.toLowerCase();

export interface FsEntry {
  /** As EM shows it: `C:/Users/Public`, `/etc/hosts`; a root is `C:` or `/`. */
  path: string;
  name: string;
  dir: boolean;
  /** Bytes; 0 for a directory. */
  size: number;
  /** Last write, ms since the epoch. */
  modified: number;
}

export interface Listing {
  dirs: FsEntry[];
  files: FsEntry[];
}

/** What a known directory holds: fixed names, plus generated content of one kind. */
interface Template {
  dirs?: readonly string[];
  files?: readonly string[];
  gen?: Gen;
}

type Gen = 'users' | 'documents' | 'binaries' | 'logs' | 'generic';

/** A second volume by role (the system volume is always `C:`). */
const DATA_VOLUME: Record<string, string> = { sql: 'D:', mail: 'D:', app: 'D:', file: 'E:' };

const VM_TOOLS: Record<Platform, readonly string[]> = { VMware: ['VMware'], vCloud: ['VMware'], HyperV: [] };

/** Known directories by lower-cased path; `*` stands for any one name. */
function windowsTemplates(role: string, platform: Platform): Record<string, Template> {
  return {
    'c:': {
      dirs: ['PerfLogs', 'Program Files', 'Program Files (x86)', 'ProgramData', 'Users', 'Windows'],
      files: ['pagefile.sys'],
    },
    'c:/perflogs': {},
    'c:/program files': { dirs: ['Common Files', 'Internet Explorer', 'Windows Defender', ...VM_TOOLS[platform]] },
    'c:/users': { dirs: ['Administrator', 'Default', 'Public'], gen: 'users' },
    'c:/users/*': { dirs: ['Desktop', 'Documents', 'Downloads', 'Pictures'], files: ['NTUSER.DAT'] },
    'c:/users/*/documents': { gen: 'documents' },
    'c:/windows': {
      dirs: ['Fonts', 'Logs', 'System32', 'SysWOW64', 'Temp', ...(role === 'dc' ? ['NTDS', 'SYSVOL'] : [])],
      files: ['explorer.exe', 'notepad.exe', 'regedit.exe', 'win.ini'],
    },
    'c:/windows/ntds': { files: ['edb.chk', 'edb.log', 'ntds.dit'] },
    'c:/windows/system32': { gen: 'binaries' },
    'c:/windows/syswow64': { gen: 'binaries' },
    'c:/windows/logs': { gen: 'logs' },
    ...(role === 'sql' && {
      'd:': { dirs: ['Backup', 'SQLData', 'SQLLogs'] },
      'd:/sqldata': { files: ['master.mdf', 'model.mdf', 'msdbdata.mdf', 'Sales.mdf', 'Inventory.mdf'] },
      'd:/sqllogs': { files: ['mastlog.ldf', 'modellog.ldf', 'msdblog.ldf', 'Sales_log.ldf', 'Inventory_log.ldf'] },
    }),
    ...(role === 'mail' && {
      'd:': { dirs: ['ExchangeDatabases'] },
      'd:/exchangedatabases': { dirs: ['Mailbox Database 0311526574', 'Mailbox Database 1980247722'] },
      'd:/exchangedatabases/*': { files: ['E00.chk', 'E00.log'], gen: 'logs' },
    }),
    ...(role === 'file' && {
      'e:': { dirs: ['Shares'] },
      'e:/shares': { dirs: ['Engineering', 'Finance', 'Geschäftsführung', 'HR', 'Marketing & Sales'] },
      'e:/shares/*': { gen: 'documents' },
    }),
    ...(role === 'app' && { 'd:': { dirs: ['Apps', 'Logs'] }, 'd:/logs': { gen: 'logs' } }),
  };
}

function linuxTemplates(role: string): Record<string, Template> {
  const web = role === 'web';
  return {
    '/': { dirs: ['bin', 'boot', 'etc', 'home', 'opt', 'root', 'srv', 'tmp', 'usr', 'var'] },
    '/bin': { gen: 'binaries' },
    '/boot': {
      dirs: ['grub'],
      files: ['config-5.15.0-91-generic', 'initrd.img-5.15.0-91-generic', 'vmlinuz-5.15.0-91-generic'],
    },
    '/etc': {
      dirs: ['cron.d', 'ssh', 'systemd', ...(web ? ['nginx'] : role === 'proxy' ? ['squid'] : [])],
      files: ['fstab', 'group', 'hostname', 'hosts', 'os-release', 'passwd', 'resolv.conf'],
    },
    '/home': { gen: 'users' },
    '/home/*': { dirs: ['projects'], files: ['.bashrc', '.profile'], gen: 'documents' },
    '/root': { files: ['.bashrc', '.profile'] },
    '/tmp': {},
    '/usr': { dirs: ['bin', 'lib', 'local', 'share'] },
    '/usr/bin': { gen: 'binaries' },
    '/usr/lib': { gen: 'binaries' },
    '/var': { dirs: ['cache', 'lib', 'log', 'tmp', ...(web ? ['www'] : [])] },
    '/var/log': { files: ['auth.log', 'dpkg.log', 'kern.log', 'syslog'], gen: 'logs' },
    '/var/www': { dirs: ['html'] },
    '/var/www/html': { files: ['favicon.ico', 'index.html', 'robots.txt'], gen: 'generic' },
  };
}

/** A name that is not ASCII in every documents folder, so clients meet EM's encoding of one. */
const NON_ASCII = ['Präsentation Q3.pptx', 'Résumé.docx', 'Übersicht 2025.xlsx', 'Смета.xlsx', '見積書.pdf'];
const DOCUMENT_TYPES = ['docx', 'xlsx', 'pdf', 'pptx', 'txt', 'csv'];

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** Typical sizes by extension, bytes. */
const SIZES: Record<string, readonly [number, number]> = {
  sys: [1 * GB, 8 * GB],
  mdf: [64 * MB, 40 * GB],
  ldf: [8 * MB, 4 * GB],
  edb: [1 * GB, 60 * GB],
  dit: [32 * MB, 512 * MB],
  log: [4 * KB, 64 * MB],
  dll: [40 * KB, 6 * MB],
  so: [40 * KB, 6 * MB],
  exe: [100 * KB, 8 * MB],
  pdf: [60 * KB, 12 * MB],
  pptx: [200 * KB, 30 * MB],
  docx: [14 * KB, 3 * MB],
  xlsx: [10 * KB, 8 * MB],
  jpg: [50 * KB, 8 * MB],
  png: [20 * KB, 4 * MB],
  mp4: [5 * MB, 2 * GB],
  zip: [100 * KB, 500 * MB],
};
/** Configuration files, scripts and the like. */
const DEFAULT_SIZE: readonly [number, number] = [100, 64 * KB];

/** Below this depth generated folders hold no further folders, so the tree is finite. */
const MAX_DEPTH = 6;

const extensionOf = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');

export class GuestFs {
  private readonly listings = new Map<string, Listing>();
  private readonly templates: Record<string, Template>;
  private readonly role: string;

  /**
   * The tree is seeded by the seed and the VM, so every mount of a VM shows the same files;
   * `asOf` (the restore point's time) dates them.
   */
  constructor(
    private readonly seed: number,
    private readonly vm: Vm,
    readonly os: GuestOs,
    private readonly asOf: number,
  ) {
    this.role = roleOf(vm);
    this.templates = os === 'Windows' ? windowsTemplates(this.role, vm.root.platform) : linuxTemplates(this.role);
  }

  /** Windows names compare case-insensitively, Linux names exactly. */
  key(path: string): string {
    return this.os === 'Windows' ? path.toLowerCase() : path;
  }

  roots(): FsEntry[] {
    if (this.os === 'Linux') return [this.entry('/', '/', true, 0)];
    const volumes = ['C:', ...(DATA_VOLUME[this.role] ? [DATA_VOLUME[this.role]!] : [])];
    return volumes.map((v) => this.entry(v, v, true, 0));
  }

  /** The entry at `root` + `names` (a parsed path), or undefined when there is none. */
  find(root: string, names: readonly string[]): FsEntry | undefined {
    let at = this.roots().find((r) => this.key(r.name) === this.key(root));
    for (const name of names) {
      if (!at?.dir) return undefined;
      const listing = this.list(at);
      at = [...listing.dirs, ...listing.files].find((e) => this.key(e.name) === this.key(name));
    }
    return at;
  }

  /** A directory's folders and files, each sorted by name; generated on first use. */
  list(dir: FsEntry): Listing {
    const k = this.key(dir.path);
    let listing = this.listings.get(k);
    if (!listing) {
      listing = this.generate(dir);
      this.listings.set(k, listing);
    }
    return listing;
  }

  private template(path: string): Template {
    const k = this.key(path);
    const exact = this.templates[k];
    if (exact) return exact;
    // A `*` template matches when every other name matches.
    const parts = k.split('/');
    for (const [pattern, t] of Object.entries(this.templates)) {
      const p = pattern.split('/');
      if (p.length === parts.length && p.every((x, i) => x === '*' || x === parts[i])) return t;
    }
    return { gen: 'generic' };
  }

  private generate(dir: FsEntry): Listing {
    const t = this.template(dir.path);
    const rng = new Rng(this.seed, 'GuestFs', this.vm.root.id, this.vm.objectRef, this.key(dir.path));
    const made = t.gen ? this.generated(t.gen, dir.path, rng) : { dirs: [], files: [] };
    const taken = new Set<string>();
    const unique = (names: readonly string[]) =>
      names.filter((n) => {
        const k = this.key(n);
        if (taken.has(k)) return false;
        taken.add(k);
        return true;
      });
    const join = (name: string) => (dir.path.endsWith('/') ? `${dir.path}${name}` : `${dir.path}/${name}`);
    const dirs = unique([...(t.dirs ?? []), ...made.dirs]).map((n) => this.entry(join(n), n, true, rng.next()));
    const files = unique([...(t.files ?? []), ...made.files]).map((n) => this.entry(join(n), n, false, rng.next()));
    return { dirs: this.sorted(dirs), files: this.sorted(files) };
  }

  private sorted(entries: FsEntry[]): FsEntry[] {
    // Names are unique in a folder (compared as the guest OS compares them), so no two keys are equal.
    const k = (e: FsEntry) => this.key(e.name);
    return entries.sort((a, b) => (k(a) < k(b) ? -1 : 1));
  }

  /** Names of generated content, from faker, seeded by the directory. */
  private generated(gen: Gen, path: string, rng: Rng): { dirs: string[]; files: string[] } {
    const windows = this.os === 'Windows';
    const depth = path.split('/').filter(Boolean).length;
    return fake(this.seed, `GuestFs/${this.vm.root.id}/${this.vm.objectRef}/${this.key(path)}`, gen, (f) => {
      const times = (n: number, make: () => string) => Array.from({ length: n }, make);
      const folder = () => {
        const noun = f.word.noun();
        return windows ? noun[0]!.toUpperCase() + noun.slice(1) : noun;
      };
      switch (gen) {
        case 'users':
          return {
            dirs: times(rng.int(2, 4), () => {
              const first = f.person.firstName().toLowerCase();
              return windows ? `${first[0]}.${f.person.lastName().toLowerCase()}` : first;
            }),
            files: [],
          };
        case 'documents':
          return {
            dirs: times(rng.int(1, 2), () => `${folder()} ${rng.int(2019, 2025)}`),
            files: [
              rng.pick(NON_ASCII),
              ...times(rng.int(6, 14), () => {
                const words = f.word.words(rng.int(1, 3));
                return `${words[0]!.toUpperCase()}${words.slice(1)}.${rng.pick(DOCUMENT_TYPES)}`;
              }),
            ],
          };
        case 'binaries':
          return { dirs: [], files: times(rng.int(14, 30), () => `${f.word.noun()}${windows ? '.dll' : '.so'}`) };
        case 'logs':
          return { dirs: [], files: times(rng.int(3, 8), () => `${f.word.noun()}-${rng.int(1, 9)}.log`) };
        case 'generic':
          return {
            dirs: depth < MAX_DEPTH ? times(rng.int(0, 2), folder) : [],
            files: times(rng.int(1, 8), () => f.system.commonFileName()),
          };
      }
    });
  }

  /** An entry; `r` in [0, 1) picks its size and age (files are up to two years older than the point). */
  private entry(path: string, name: string, dir: boolean, r: number): FsEntry {
    const [min, max] = SIZES[extensionOf(name)] ?? DEFAULT_SIZE;
    const size = dir ? 0 : Math.floor(min + r * (max - min));
    const age = HOUR + Math.floor(((r * 7919) % 1) * 730 * DAY);
    return { path, name, dir, size, modified: Math.floor((this.asOf - age) / 1000) * 1000 };
  }
}

/** A path as sent, split into its root (`C:`, `/`) and names, or why it is not a path. */
export type ParsedPath = { root: string; names: string[] } | { error: string };

/** Characters Windows refuses in a name (besides control characters). */
const WINDOWS_FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

/**
 * Reads a guest path as a client sends it below a mount: Windows paths start with a drive and
 * may use `\`; a Linux path may lose its leading `/` (a URL `mounts/1//etc` reaches us as `etc`).
 * `.` and `..` are refused: EM addresses entries, it does not resolve paths.
 */
export function parseGuestPath(os: GuestOs, text: string): ParsedPath {
  const windows = os === 'Windows';
  const parts = (windows ? text.replace(/\\/g, '/') : text).split('/').filter((p) => p !== '');
  if (windows && !/^[A-Za-z]:$/.test(parts[0] ?? ''))
    return { error: 'a Windows guest path starts with a drive, such as C:' };
  const names = windows ? parts.slice(1) : parts;
  for (const name of names) {
    if (name === '.' || name === '..') return { error: 'the names . and .. are not accepted' };
    if (windows ? WINDOWS_FORBIDDEN.test(name) : name.includes('\u0000'))
      return {
        error: `${JSON.stringify(name.slice(0, 60))} holds a character the guest OS does not allow in a name`,
      };
  }
  return { root: windows ? parts[0]!.toUpperCase() : '/', names };
}
