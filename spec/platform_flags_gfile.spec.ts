import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import * as tf from '../lib/index';
import { newFlagValues } from '../lib/platform/flags';

describe('tf.flags / tf.app.flags and tf.app.run', () => {
  function defineAll() {
    const F = newFlagValues();
    const opts = { flag_values: F };
    tf.flags.DEFINE_string('data_dir', '/tmp/data', 'where the data is', opts);
    tf.flags.DEFINE_integer('steps', 100, 'training steps', { lower_bound: 1, flag_values: F });
    tf.flags.DEFINE_float('learning_rate', 0.5, 'step size', opts);
    tf.flags.DEFINE_boolean('fake_data', false, 'use fake data', opts);
    tf.app.flags.DEFINE_bool('verbose', true, 'log more', opts);
    tf.flags.DEFINE_list('layers', '32,16', 'layer sizes', opts);
    return F;
  }

  it('defaults before any flag is given (a list default given as a string is split)', () => {
    const F = defineAll();
    expect(F(['prog'])).to.deep.equal(['prog']);
    expect([F.data_dir, F.steps, F.learning_rate, F.fake_data, F.verbose, F.layers]).to.deep.equal(['/tmp/data', 100, 0.5, false, true, ['32', '16']]);
  });

  it('--name=value, --name value, --bool, --nobool, `--` ends the flags; positional arguments are returned', () => {
    const F = defineAll();
    const rest = F(['prog', '--data_dir=/d', 'pos1', '--steps', '7', '--learning_rate=1e-3', '--fake_data', '--noverbose',
      '--layers=a,b,c', '--', '--steps=9']);
    expect(rest).to.deep.equal(['prog', 'pos1', '--steps=9']);
    expect([F.data_dir, F.steps, F.learning_rate, F.fake_data, F.verbose, F.layers]).to.deep.equal(['/d', 7, 0.001, true, false, ['a', 'b', 'c']]);
    F(['prog', '--fake_data=false']);
    expect(F.fake_data).to.equal(false);
    F.steps = 3;
    expect(F.steps).to.equal(3);
    expect(F.flag_values_dict().steps).to.equal(3);
  });

  it('unknown flags, bad values, duplicates and undefined names fail as absl', () => {
    const F = defineAll();
    expect(() => F(['prog', '--stpes=3'])).to.throw(tf.flags.UnrecognizedFlagError, "Unknown command line flag 'stpes'");
    expect(() => F(['prog', '--steps=abc'])).to.throw(tf.flags.IllegalFlagValueError, 'flag --steps=abc: Expect argument to be a valid int');
    expect(() => F(['prog', '--steps=0'])).to.throw(tf.flags.IllegalFlagValueError, 'Expected a value >= 1');
    expect(() => F(['prog', '--fake_data=maybe'])).to.throw(tf.flags.IllegalFlagValueError, 'Non-boolean argument to boolean flag');
    expect(() => tf.flags.DEFINE_string('data_dir', 'x', 'again', { flag_values: F })).to.throw(tf.flags.DuplicateFlagError, "The flag 'data_dir' is defined twice.");
    expect(() => F.nope).to.throw(tf.errors.AttributeError, "Unknown flag 'nope'");
  });

  it('tf.app.run parses argv, calls main with the rest and uses a numeric result as the exit status; a bad flag exits 1 with absl\'s message', () => {
    const script = (argv: string) => `
      const tf = require(${JSON.stringify(path.resolve(__dirname, '../lib/index.js'))});
      tf.flags.DEFINE_integer('batch_size', 10, 'batch');
      tf.app.run((argv) => { console.log(JSON.stringify([tf.flags.FLAGS.batch_size, argv])); return 3; }, ${argv});`;
    const ok = spawnSync(process.execPath, ['-e', script('["prog", "--batch_size=64", "x"]')], { encoding: 'utf8' });
    expect(ok.stdout.trim()).to.equal('[64,["prog","x"]]');
    expect(ok.status).to.equal(3);
    const bad = spawnSync(process.execPath, ['-e', script('["prog", "--batch=1"]')], { encoding: 'utf8' });
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.contain("FATAL Flags parsing error: Unknown command line flag 'batch'");
    // FLAGS read before app.run parse process.argv (TF's wrapper); here the script's own arguments.
    const file = path.join(os.tmpdir(), `flags-lazy-${process.pid}.js`);
    fs.writeFileSync(file, `
      const tf = require(${JSON.stringify(path.resolve(__dirname, '../lib/index.js'))});
      tf.flags.DEFINE_string('mode', 'train', 'm');
      console.log(tf.flags.FLAGS.mode);`);
    const lazy = spawnSync(process.execPath, [file, '--mode=eval'], { encoding: 'utf8' });
    fs.rmSync(file);
    expect(lazy.stdout.trim()).to.equal('eval');
  });
});

describe('tf.gfile', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gfile-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const g = () => tf.gfile;

  it('MakeDirs, Exists, IsDirectory, ListDirectory, Stat, Walk', () => {
    const deep = path.join(dir, 'a', 'b');
    g().MakeDirs(deep);
    g().MakeDirs(deep); // existing is fine
    expect(g().IsDirectory(deep)).to.equal(true);
    fs.writeFileSync(path.join(dir, 'a', 'f.txt'), 'hello');
    expect(g().Exists(path.join(dir, 'a', 'f.txt'))).to.equal(true);
    expect(g().IsDirectory(path.join(dir, 'a', 'f.txt'))).to.equal(false);
    expect(g().ListDirectory(path.join(dir, 'a')).sort()).to.deep.equal(['b', 'f.txt']);
    const st = g().Stat(path.join(dir, 'a', 'f.txt'));
    expect([st.length, st.is_directory]).to.deep.equal([5, false]);
    expect(st.mtime_nsec).to.be.greaterThan(0);
    expect([...g().Walk(dir)].map(([d, subs, files]) => [path.relative(dir, d), subs, files]))
      .to.deep.equal([['', ['a'], []], ['a', ['b'], ['f.txt']], [path.join('a', 'b'), [], []]]);
    expect(() => g().ListDirectory(path.join(dir, 'zz'))).to.throw(tf.errors.NotFoundError, `Could not find directory ${path.join(dir, 'zz')}`);
    expect(() => g().Stat(path.join(dir, 'zz'))).to.throw(tf.errors.NotFoundError, `${path.join(dir, 'zz')}; No such file or directory`);
  });

  it('GFile/Open/FastGFile: write, append, read, read(n), readline, readlines, binary mode', () => {
    const p = path.join(dir, 'f.txt');
    g().GFile(p, 'w').with((f) => { f.write('line1\n'); f.write('line2\n'); });
    g().Open(p, 'a').with((f) => f.write('end'));
    const f = g().FastGFile(p, 'r');
    expect(f.read(3)).to.equal('lin');
    expect(f.readline()).to.equal('e1\n');
    expect(f.readlines()).to.deep.equal(['line2\n', 'end']);
    expect(f.readline()).to.equal('');
    f.close();
    expect(() => f.read()).to.throw(tf.errors.FailedPreconditionError, 'is closed');
    expect([...(g().GFile(p, 'rb').read(2) as Uint8Array)]).to.deep.equal([108, 105]);
    expect(g().GFile(p).read()).to.equal('line1\nline2\nend');
    expect(() => g().GFile(path.join(dir, 'none'), 'r')).to.throw(tf.errors.NotFoundError, `${path.join(dir, 'none')}; No such file or directory`);
    expect(() => g().GFile(p, 'w').read()).to.throw(tf.errors.PermissionDeniedError, "File isn't open for reading");
  });

  it('Copy and Rename refuse to overwrite unless asked; Remove and DeleteRecursively; NotFoundError naming the path', () => {
    const a = path.join(dir, 'a.txt'), b = path.join(dir, 'b.txt');
    fs.writeFileSync(a, 'A');
    g().Copy(a, b);
    expect(fs.readFileSync(b, 'utf8')).to.equal('A');
    expect(() => g().Copy(a, b)).to.throw(tf.errors.AlreadyExistsError, `file already exists: ${b}`);
    fs.writeFileSync(a, 'A2');
    g().Copy(a, b, { overwrite: true });
    expect(fs.readFileSync(b, 'utf8')).to.equal('A2');
    expect(() => g().Rename(a, b)).to.throw(tf.errors.AlreadyExistsError);
    g().Rename(a, path.join(dir, 'c.txt'));
    expect(g().Exists(a)).to.equal(false);
    g().Remove(b);
    expect(() => g().Remove(b)).to.throw(tf.errors.NotFoundError, `${b}; No such file or directory`);
    g().MakeDirs(path.join(dir, 'x', 'y'));
    g().DeleteRecursively(path.join(dir, 'x'));
    expect(g().Exists(path.join(dir, 'x'))).to.equal(false);
    expect(() => g().DeleteRecursively(path.join(dir, 'x'))).to.throw(tf.errors.NotFoundError, path.join(dir, 'x'));
  });

  it('Glob: *, ? and [...] in any segment, sorted; no match is an empty list', () => {
    for (const f of ['m1.ckpt.index', 'm2.ckpt.index', 'm10.ckpt.index', 'm1.ckpt.data']) fs.writeFileSync(path.join(dir, f), '');
    g().MakeDirs(path.join(dir, 'sub1'));
    fs.writeFileSync(path.join(dir, 'sub1', 'e.tfrecord'), '');
    expect(g().Glob(path.join(dir, '*.index')).map((p) => path.basename(p))).to.deep.equal(['m1.ckpt.index', 'm10.ckpt.index', 'm2.ckpt.index']);
    expect(g().Glob(path.join(dir, 'm?.ckpt.*')).map((p) => path.basename(p))).to.deep.equal(['m1.ckpt.data', 'm1.ckpt.index', 'm2.ckpt.index']);
    expect(g().Glob(path.join(dir, 'm[2-9].ckpt.index')).map((p) => path.basename(p))).to.deep.equal(['m2.ckpt.index']);
    expect(g().Glob(path.join(dir, 'sub*', '*.tfrecord'))).to.deep.equal([path.join(dir, 'sub1', 'e.tfrecord')]);
    expect(g().Glob(path.join(dir, 'nothing*'))).to.deep.equal([]);
  });
});
