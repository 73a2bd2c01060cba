/**
 * Which bound values the analysis says no step can hand on (analysis/unpassable.ts,
 * ir/unpassable-outputs.ts), against the real thing: each binding is run in the project's Python
 * and saved with cloudpickle, as a step saves its outputs. Each flagged value must be refused,
 * and each value the analysis knows to be saved must be saved; a few it cannot tell (a mode in a
 * variable, another library's `open`) are left unflagged, whatever cloudpickle makes of them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';
import { runPython } from '../../support/python';

/** `flagged`: refused; `saved`: not flagged and saved; `not told`: not flagged, either way. */
type Expected = 'flagged' | 'saved' | 'not told';

const BINDINGS: [string, Expected][] = [
  ['value = open("data.txt")', 'saved'],
  ['value = open("data.txt", "r")', 'saved'],
  ['value = open("data.txt", "r+")', 'saved'],
  ['value = open("data.txt", "w+")', 'saved'],
  ['value = open("data.txt", encoding="utf-8")', 'saved'],
  ['value = open("data.txt", "w")', 'flagged'],
  ['value = open("data.txt", mode="a")', 'flagged'],
  ['value = open("new.txt", "x")', 'flagged'],
  ['value = open("data.txt", "rb")', 'flagged'],
  ['value = open("data.txt", "wb")', 'flagged'],
  ['value = io.open("data.txt", "w")', 'flagged'],
  ['value = pathlib.Path("data.txt").open("w")', 'flagged'],
  ['value = pathlib.Path("data.txt").open()', 'saved'],
  ['value = gzip.open("data.gz", "wt")', 'flagged'],
  ['value = codecs.open("data.txt", "w")', 'flagged'],
  ['value = zipped.open("data.txt")', 'not told'],
  ['value = Image.open("data.txt")', 'saved'],
  ['value = open("data.txt", MODE)', 'not told'],
  ['value = gzip.open("data.gz")', 'flagged'],
  ['value = (n * 2 for n in range(3))', 'flagged'],
  ['def numbers():\n    yield 1\nvalue = numbers()', 'flagged'],
  ['def numbers():\n    return [1]\nvalue = numbers()', 'saved'],
  ['value = list(n * 2 for n in range(3))', 'saved'],
  ['value = iter([1, 2])', 'saved'],
  ['value = io.StringIO("x")', 'saved'],
  ['value = sqlite3.connect(":memory:")', 'flagged'],
  ['value = threading.Lock()', 'flagged'],
  ['value = threading.RLock()', 'flagged'],
  ['value = threading.Condition()', 'flagged'],
  ['value = threading.Semaphore()', 'flagged'],
  ['value = threading.BoundedSemaphore()', 'flagged'],
  ['value = threading.Event()', 'flagged'],
  ['value = threading.Barrier(1)', 'flagged'],
  ['value = threading.Thread(target=print)', 'flagged'],
  ['value = threading.Timer(1, print)', 'flagged'],
  ['value = socket.socket()', 'flagged'],
  ['value = subprocess.Popen(["true"])', 'flagged'],
  ['value = multiprocessing.Pool(1)', 'flagged'],
  ['value = multiprocessing.Process(target=print)', 'flagged'],
  ['value = multiprocessing.Queue()', 'flagged'],
  ['value = multiprocessing.Lock()', 'flagged'],
  ['value = concurrent.futures.ThreadPoolExecutor(1)', 'flagged'],
  ['value = ThreadPoolExecutor(1)', 'flagged'],
  ['value = concurrent.futures.ProcessPoolExecutor(1)', 'flagged'],
  ['value = queue.Queue()', 'flagged'],
  ['value = tempfile.TemporaryFile()', 'flagged'],
  ['value = NamedTemporaryFile()', 'flagged'],
  ['value = Lock()', 'not told'],
  ['value = connect(":memory:")', 'not told'],
  ['value = mp.Pool(1)', 'not told'],
  ['value = queue.SimpleQueue()', 'not told'],
  ['value = sqlite3.Row', 'saved'],
  ['value = csv.writer(io.StringIO())', 'flagged'],
  ['value = csv.reader(["a,b"])', 'flagged'],
  ['value = csv.DictWriter(io.StringIO(), ["a"])', 'flagged'],
  ['from csv import DictReader\nvalue = DictReader(["a"])', 'flagged'],
  ['value = list(csv.reader(["a,b"]))', 'saved'],
  ['value = zipfile.ZipFile("data.zip")', 'flagged'],
  ['from zipfile import ZipFile\nvalue = ZipFile("data.zip")', 'flagged'],
  ['value = zipfile.ZipFile("data.zip").namelist()', 'saved'],
  ['value = frame.iterrows()', 'flagged'],
  ['value = frame.itertuples()', 'flagged'],
  ['value = list(frame.itertuples())', 'saved'],
  ['value = frame.items()', 'not told'],
  ['value = {"a": 1}.items()', 'saved'],
  ['value = pandas.read_csv("data.csv", chunksize=1)', 'flagged'],
  ['value = pandas.read_csv("data.csv", iterator=True)', 'flagged'],
  ['value = pandas.read_csv("data.csv", chunksize=None)', 'saved'],
  ['value = pandas.read_csv("data.csv")', 'saved'],
  ['value = numpy.load("data.npz")', 'flagged'],
  ['value = numpy.load("data.npz")["a"]', 'saved'],
  ['value = numpy.load("data.npy")', 'saved'],
  ['value = threading.local', 'saved'],
  ['value = db.connect(":memory:")', 'not told'],
  ['import multiprocessing as mp\nvalue = mp.Pool(1)', 'flagged'],
  ['import threading as th\nvalue = th.Event()', 'flagged'],
  ['from threading import Lock\nvalue = Lock()', 'flagged'],
  ['from sqlite3 import connect\nvalue = connect(":memory:")', 'flagged'],
  ['from multiprocessing import Queue\nvalue = Queue()', 'flagged'],
  [
    'from concurrent import futures as cf\nvalue = cf.ThreadPoolExecutor(1)',
    'flagged'
  ],
  ['from asyncio import Queue\nvalue = Queue()', 'saved'],
  ['from threading import Lock\nLock = dict\nvalue = Lock()', 'saved'],
  ['import queue as q\nvalue = q.SimpleQueue()', 'not told'],
  ['from multiprocessing import Pool as P\nvalue = P(1)', 'flagged'],
  [
    'from sqlite3 import connect as open_db\nvalue = open_db(":memory:")',
    'flagged'
  ],
  ['from threading import Lock as L\nL = dict\nvalue = L()', 'saved'],
  ['from collections import deque as Q\nvalue = Q()', 'saved'],
  ['value = weakref.ref(Image)', 'flagged'],
  ['value = weakref.WeakValueDictionary()', 'flagged'],
  [
    'from weakref import WeakKeyDictionary\nvalue = WeakKeyDictionary()',
    'flagged'
  ],
  ['value = weakref.WeakSet()', 'saved']
];

describe('values no step can hand on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-unpassable-'));
  writeFileSync(join(dir, 'data.txt'), 'a\n');
  const gzipped = runPython(
    ['-c', 'import gzip; gzip.open("data.gz", "wt").write("a")'],
    '',
    { cwd: dir }
  );
  expect(gzipped.status).toBe(0);

  it.each(BINDINGS)('%s: %s', (binding, expected) => {
    const flagged = expected === 'flagged';
    const ir = analyzeNotebook(
      notebookJson([
        codeCell(binding, ['step:make']),
        codeCell('print(value)', ['step:use'])
      ]),
      'values.ipynb'
    );
    expect(
      ir.diagnostics
        .filter(d => d.code === 'unpassable-value')
        .map(d => d.message.split(',')[0])
    ).toEqual(flagged ? ["step 'make' hands 'value' on to step 'use'"] : []);
    const saved = runPython(
      [
        '-c',
        [
          'import codecs, csv, gzip, io, os, pathlib, zipfile, cloudpickle',
          'import numpy, pandas',
          'pandas.DataFrame({"a": [1, 2]}).to_csv("data.csv", index=False)',
          'numpy.savez("data.npz", a=numpy.arange(3))',
          'numpy.save("data.npy", numpy.arange(3))',
          'frame = pandas.DataFrame({"a": [1, 2]})',
          'import concurrent.futures, multiprocessing, queue, socket, sqlite3',
          'import subprocess, tempfile, threading, weakref',
          'import multiprocessing as mp',
          'from concurrent.futures import ThreadPoolExecutor',
          'from sqlite3 import connect',
          'from tempfile import NamedTemporaryFile',
          'from threading import Lock',
          'db = sqlite3',
          'MODE = "r"',
          'with zipfile.ZipFile("data.zip", "w") as z: z.writestr("data.txt", "a")',
          'zipped = zipfile.ZipFile("data.zip")',
          'class Image:',
          '    @staticmethod',
          '    def open(path): return {"path": path}',
          'if os.path.exists("new.txt"): os.remove("new.txt")',
          binding,
          'try:',
          '    cloudpickle.dumps(value)',
          '    print("saved")',
          'except Exception as error:',
          '    print("refused", type(error).__name__)'
        ].join('\n')
      ],
      '',
      { cwd: dir }
    );
    expect(saved.stderr).toBe('');
    if (expected !== 'not told') {
      expect(saved.stdout.startsWith('refused')).toBe(flagged);
    }
  });
});
