"""Values saved by one real step script and loaded by the next: stdlib, numpy, pandas (with
and without pyarrow), scikit-learn, and classes and functions defined in the notebook."""
import json
import os

from conftest import code_cell

BLOCK_PYARROW = '''
import sys


class _BlockPyarrow:
    """Makes `import pyarrow` fail, as on a machine without it."""

    def find_spec(self, name, path=None, target=None):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ModuleNotFoundError("No module named %r (blocked by the test)" % name, name=name)
        return None


sys.meta_path.insert(0, _BlockPyarrow())
'''


def two_steps(make, produce, check, imports="import math"):
    """A notebook: imports, step `make` running `produce`, step `check` running `check`."""
    return make([
        code_cell(imports, "imports"),
        code_cell(produce, "step:make"),
        code_cell(check, "step:check"),
    ])


def test_standard_library_values_round_trip(make_pipeline):
    produce = (
        "import datetime, decimal, collections\n"
        "value = {'text': 'caf\\u00e9 \\U0001F600', 'bytes': b'\\x00\\xff', 'floats': [1.5, float('inf')],\n"
        "         'big': 2 ** 100, 'complex': 1 + 2j, 'tuple': (1, None), 'set': {1, 2},\n"
        "         'when': datetime.datetime(2024, 1, 2, 3, 4, 5), 'money': decimal.Decimal('1.10'),\n"
        "         'counts': collections.Counter('abca')}\n"
    )
    check = (
        "import datetime, decimal, collections\n"
        "assert value == {'text': 'caf\\u00e9 \\U0001F600', 'bytes': b'\\x00\\xff', 'floats': [1.5, float('inf')],\n"
        "                 'big': 2 ** 100, 'complex': 1 + 2j, 'tuple': (1, None), 'set': {1, 2},\n"
        "                 'when': datetime.datetime(2024, 1, 2, 3, 4, 5), 'money': decimal.Decimal('1.10'),\n"
        "                 'counts': collections.Counter('abca')}, value\n"
        "assert type(value['counts']) is collections.Counter\n"
    )
    pipeline = two_steps(make_pipeline, produce, check)
    pipeline.run_ok("make", outputs=["value"])
    assert pipeline.manifest("make", "value")["format"] == "cloudpickle"
    pipeline.run_ok("check", inputs=[("value", "make")])


def test_numpy_arrays_round_trip_as_npy(make_pipeline):
    produce = (
        "grid = np.arange(12, dtype=np.float64).reshape(3, 4)\n"
        "fortran = np.asfortranarray(np.arange(6, dtype=np.int8).reshape(2, 3))\n"
        "strided = np.arange(20)[::3]\n"
        "when = np.array(['2024-01-01', '2024-02-29'], dtype='datetime64[D]')\n"
        "records = np.array([(1, 2.5)], dtype=[('a', 'i4'), ('b', 'f8')])\n"
        "mixed = np.array([1, 'a', None], dtype=object)\n"
    )
    check = (
        "expected = {'grid': np.arange(12, dtype=np.float64).reshape(3, 4),\n"
        "            'fortran': np.arange(6, dtype=np.int8).reshape(2, 3), 'strided': np.arange(20)[::3],\n"
        "            'when': np.array(['2024-01-01', '2024-02-29'], dtype='datetime64[D]'),\n"
        "            'records': np.array([(1, 2.5)], dtype=[('a', 'i4'), ('b', 'f8')])}\n"
        "loaded = {'grid': grid, 'fortran': fortran, 'strided': strided, 'when': when, 'records': records}\n"
        "for name, want in expected.items():\n"
        "    got = loaded[name]\n"
        "    assert got.dtype == want.dtype and np.array_equal(got, want), name\n"
        "assert fortran.flags.f_contiguous\n"
        "assert all(got.flags.owndata for got in loaded.values())  # as saved: resizable\n"
        "grid.resize((2, 6), refcheck=False)\n"
        "assert list(mixed) == [1, 'a', None]\n"
    )
    names = ["fortran", "grid", "mixed", "records", "strided", "when"]
    pipeline = two_steps(make_pipeline, produce, check, imports="import numpy as np")
    pipeline.run_ok("make", outputs=names)
    formats = {name: pipeline.manifest("make", name)["format"] for name in names}
    assert formats == {"fortran": "npy", "grid": "npy", "mixed": "cloudpickle", "records": "npy",
                       "strided": "npy", "when": "npy"}
    pipeline.run_ok("check", inputs=[(name, "make") for name in names])


def test_read_only_numpy_arrays_stay_read_only(make_pipeline):
    """An array made read-only (`a.setflags(write=False)`) comes back read-only, small (read) and
    large (mapped): a write through it raises, as top to bottom; a writable one stays writable."""
    produce = (
        "small = np.arange(3)\n"
        "small.setflags(write=False)\n"
        "large = np.zeros(3 * 2**21)\n"
        "large.setflags(write=False)\n"
        "open_one = np.arange(3)\n"
    )
    check = (
        "for frozen in (small, large):\n"
        "    assert not frozen.flags.writeable\n"
        "    try:\n"
        "        frozen[0] = 5\n"
        "    except ValueError:\n"
        "        pass\n"
        "    else:\n"
        "        raise AssertionError('a read-only array took a write')\n"
        "open_one[0] = 5\n"
    )
    names = ["large", "open_one", "small"]
    pipeline = two_steps(make_pipeline, produce, check, imports="import numpy as np")
    pipeline.run_ok("make", outputs=names)
    assert [pipeline.manifest("make", name).get("read_only") for name in names] == [True, None, True]
    pipeline.run_ok("check", inputs=[(name, "make") for name in names])


def test_names_of_one_figure_come_from_one_copy_of_it(make_pipeline):
    """A step that hands on several names of one matplotlib figure (the figure, axes of it, an array
    of axes, an inset axes, artists the figure or its axes keep, a seaborn grid, the figure under
    two names) says so in their manifests, and a step that takes two or more of them from that step
    gets them from one copy of the figure, as top to bottom. Names taken alone, or beside a figure
    another step made, stay the copies they were."""
    imports = ("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
               "import pandas as pd\nimport seaborn as sns")
    produce = (
        "fig, ax = plt.subplots()\n"
        "same_fig = fig\n"
        "inset = ax.inset_axes([0.5, 0.5, 0.4, 0.4])\n"
        "im = ax.imshow([[1, 2], [3, 4]])\n"
        "bars = ax.bar(['a', 'b'], [1, 2])\n"
        "lines = inset.plot([1, 2], [3, 4], [5, 6], [7, 8])\n"
        "title = ax.set_title('t')\n"
        "xlabel = ax.set_xlabel('x')\n"
        "ax.plot([1, 2], label='a')\n"
        "legend = ax.legend()\n"
        "head = fig.suptitle('s')\n"
        "note = fig.text(0.1, 0.1, 'n')\n"
        "cbar = fig.colorbar(im)\n"
        "grid_fig, grid = plt.subplots(2, 2)\n"
        "lone = plt.subplots()[1]\n"
        "g = sns.FacetGrid(pd.DataFrame({'x': [1, 2], 'c': ['a', 'b']}), col='c')\n"
        "g_fig, g_second = g.figure, g.axes[0, 1]\n"
        "mosaic_fig, mosaic = plt.subplot_mosaic([['l', 'r']])\n"
        "mosaic = {'r': mosaic['r'], 'l': mosaic['l']}\n"
        "pair_fig = plt.figure()\n"
        "pair = [pair_fig.add_subplot(1, 2, i + 1) for i in range(2)]\n"
    )
    check = (
        "assert ax.figure is fig and same_fig is fig\n"
        "assert ax.child_axes == [inset] and inset not in fig.axes\n"
        "assert im is ax.images[0] and bars is ax.containers[0] and bars[1] is ax.patches[1]\n"
        "assert type(lines) is list and lines == list(inset.lines) and len(lines) == 2\n"
        "assert title is ax.title and xlabel is ax.xaxis.label and legend is ax.get_legend()\n"
        "assert head is fig._suptitle and note is fig.texts[1] and cbar is fig.axes[1]._colorbar\n"
        "assert cbar.mappable is im and cbar.ax.figure is fig\n"
        "assert grid.shape == (2, 2) and grid[1, 0] is grid_fig.axes[2]\n"
        "assert g_fig is g.figure and g_second is g.axes[0, 1]\n"
        "assert list(mosaic) == ['r', 'l'] and mosaic['l'] is mosaic_fig.axes[0]\n"
        "assert type(pair) is list and pair[1] is pair_fig.axes[1]\n"
        "lone.plot([3])\n"
        "assert len(lone.lines) == 1 and lone.figure is not None\n"
    )
    pipeline = make_pipeline([
        code_cell(imports, "imports"),
        code_cell(produce, "step:make"),
        code_cell(check, "step:check"),
        code_cell("fig = plt.figure()\n", "step:other"),
        code_cell("assert len(fig.axes) == 0 and ax.figure is not fig\n", "step:mixed"),
    ])
    handed_on = ["ax", "bars", "cbar", "fig", "g", "g_fig", "g_second", "grid", "grid_fig", "head",
                 "im", "inset", "legend", "lines", "lone", "mosaic", "mosaic_fig", "note", "pair",
                 "pair_fig", "same_fig", "title", "xlabel"]
    pipeline.run_ok("make", outputs=handed_on)
    # the colour bar's axes make two
    assert pipeline.manifest("make", "ax")["figure_share"] == {
        "figure": "ax", "role": "axes", "axes": [0], "form": "one", "count": 2}
    assert pipeline.manifest("make", "same_fig")["figure_share"] == {"figure": "ax", "role": "figure"}
    # an inset sits among its parent's child axes, not the figure's
    assert pipeline.manifest("make", "inset")["figure_share"] == {
        "figure": "ax", "role": "axes", "axes": [[0, 0]], "form": "one", "count": 2}
    # artists, where their axes keep them
    assert pipeline.manifest("make", "im")["figure_share"] == {
        "figure": "ax", "role": "artists", "artists": [[0, "images", 0]], "form": "one", "count": 2}
    assert pipeline.manifest("make", "bars")["figure_share"]["artists"] == [[0, "containers", 0]]
    assert pipeline.manifest("make", "lines")["figure_share"] == {
        "figure": "ax", "role": "artists", "artists": [[[0, 0], "lines", 0], [[0, 0], "lines", 1]],
        "form": "list", "count": 2}
    # artists kept one of a kind, in the colour bar's axes, or by the figure itself
    artists_of = {name: pipeline.manifest("make", name)["figure_share"]["artists"]
                  for name in ["title", "xlabel", "legend", "cbar", "head", "note"]}
    assert artists_of == {"title": [[0, "title", 0]], "xlabel": [[0, "xlabel", 0]],
                          "legend": [[0, "legend", 0]], "cbar": [[1, "colorbar", 0]],
                          "head": [["figure", "texts", 0]], "note": [["figure", "texts", 1]]}
    assert pipeline.manifest("make", "grid")["figure_share"] == {
        "figure": "grid", "role": "axes", "axes": [0, 1, 2, 3], "form": "array", "shape": [2, 2],
        "count": 4}
    assert pipeline.manifest("make", "mosaic")["figure_share"] == {
        "figure": "mosaic", "role": "axes", "axes": [1, 0], "form": "dict", "keys": ["r", "l"],
        "count": 2}
    assert pipeline.manifest("make", "pair")["figure_share"]["form"] == "list"
    assert pipeline.manifest("make", "g")["figure_share"] == {"figure": "g", "role": "grid"}
    assert pipeline.manifest("make", "g_second")["figure_share"]["axes"] == [1]
    assert "figure_share" not in pipeline.manifest("make", "lone")
    pipeline.run_ok("check", inputs=[(name, "make") for name in handed_on])
    pipeline.run_ok("other", outputs=["fig"])
    pipeline.run_ok("mixed", inputs=[("ax", "make"), ("fig", "other")])


def test_names_of_one_object_come_as_one_object(make_pipeline):
    """A step that hands on one object under two names, or an object and a list, tuple or dict
    holding it, says so in their manifests, and a step that takes both from that step gets one
    object, as top to bottom: a change through one name is in the other. Cycles come back whole.
    Names taken from different steps stay the copies they were; unchangeable values, values held
    by nothing handed on, and holders of more than 100,000 items have no record."""
    produce = (
        "a = [1]\n"
        "b = a\n"
        "train, test = {'rows': [1, 2]}, {'rows': [3]}\n"
        "combine = [train, test]\n"
        "frames = {'train': train, 3: test, (1,): test}\n"
        "pair = (train, [0])\n"
        "inner = pair[1]\n"
        "nested = [[5]]\n"
        "deep = nested[0]\n"
        "itself = []\n"
        "itself.append(itself)\n"
        "x = [1]\n"
        "y = [x]\n"
        "x.append(y)\n"
        "n = 300\n"
        "m = n\n"
        "lone = [7]\n"
        "long = [a] + [0] * 100000\n"
    )
    check = (
        "assert b is a\n"
        "assert combine[0] is train and combine[1] is test and frames['train'] is train\n"
        "assert frames[3] is test and pair[0] is train and inner is pair[1] and deep is nested[0]\n"
        "assert itself[0] is itself and x[1] is y and y[0] is x\n"
        "for frame in combine:\n"
        "    frame['rows'].append(0)\n"
        "assert train['rows'] == [1, 2, 0] and test['rows'] == [3, 0]\n"
        "assert lone == [7] and m == n == 300 and long[0] is not a and len(long) == 100001\n"
    )
    pipeline = make_pipeline([
        code_cell("import math", "imports"),
        code_cell(produce, "step:make"),
        code_cell(check, "step:check"),
        code_cell("deep = [9]\n", "step:other"),
        code_cell("assert nested[0] is not deep and nested[0] == [5]\n", "step:mixed"),
    ])
    handed_on = ["a", "b", "combine", "deep", "frames", "inner", "itself", "lone", "long", "m",
                 "n", "nested", "pair", "test", "train", "x", "y"]
    pipeline.run_ok("make", outputs=handed_on)
    shares = {name: pipeline.manifest("make", name).get("object_share") for name in handed_on}
    assert shares == {
        "a": None, "b": {"name": "a"},
        "combine": {"holds": [["index", 0, "train"], ["index", 1, "test"]]},
        "deep": None,
        "frames": {"holds": [["key", "train", "train"], ["key", 3, "test"]]},
        # a holder longer than _HELD_ITEMS_SEARCHED is not searched
        "inner": None, "itself": None, "lone": None, "long": None, "m": None, "n": None,
        "nested": {"holds": [["index", 0, "deep"]]},
        "pair": {"holds": [["index", 0, "train"], ["index", 1, "inner"]]},
        "test": None, "train": None,
        "x": {"holds": [["index", 1, "y"]]}, "y": {"holds": [["index", 0, "x"]]}}
    pipeline.run_ok("check", inputs=[(name, "make") for name in handed_on])
    pipeline.run_ok("other", outputs=["deep"])
    pipeline.run_ok("mixed", inputs=[("nested", "make"), ("deep", "other")])


def test_names_tied_in_a_later_step_come_as_one_object(make_pipeline):
    """A step that ties names it hands on to inputs it does not hand on (`b = a`, `held = [frame]`
    with `a` and `frame` from an earlier step) records which input, from which step, each is; a
    step that takes both makes the earlier step's input the later object."""
    pipeline = make_pipeline([
        code_cell("import math", "imports"),
        code_cell("a = [1]\nframe = {'x': 0}\nlone = [3]\n", "step:make"),
        code_cell("b = a\nheld = [frame, lone[:]]\n", "step:tie"),
        code_cell(
            "b.append(2)\nheld[0]['x'] = 1\nheld[1].append(4)\n"
            "assert a == [1, 2] and a is b and frame is held[0] and frame['x'] == 1\n"
            "assert lone == [3] and held[1] == [3, 4]\n",
            "step:use"),
    ])
    pipeline.run_ok("make", outputs=["a", "frame", "lone"])
    pipeline.run_ok("tie", inputs=[("a", "make"), ("frame", "make"), ("lone", "make")],
                    outputs=["b", "held"])
    assert pipeline.manifest("tie", "b")["object_share"] == {"was": ["a", "make"]}
    assert pipeline.manifest("tie", "held")["object_share"] == {
        "holds": [["index", 0, "frame", "make"]]}
    pipeline.run_ok("use", inputs=[("a", "make"), ("b", "tie"), ("frame", "make"), ("held", "tie"),
                                   ("lone", "make")])


def test_names_tied_along_a_chain_of_steps_come_as_one_object(make_pipeline):
    """Ties made one step after another (`b = a`, then `c = b`; `pair = (p, q)`, then `alias =
    pair`): a step that takes every name makes them all the latest object, the earlier names
    first joined to the later ones, then the holder's items to the names it holds."""
    pipeline = make_pipeline([
        code_cell("import math", "imports"),
        code_cell("a = [1]\np = {'v': 1}\nq = {'v': 2}\n", "step:make"),
        code_cell("b = a\npair = (p, q)\n", "step:tie"),
        code_cell("c = b\nalias = pair\n", "step:again"),
        code_cell(
            "a.append(2)\nfor d in alias:\n    d['w'] = 0\n"
            "assert a is b is c and c == [1, 2]\n"
            "assert alias is pair and pair[0] is p and pair[1] is q and p == {'v': 1, 'w': 0}\n",
            "step:use"),
    ])
    pipeline.run_ok("make", outputs=["a", "p", "q"])
    pipeline.run_ok("tie", inputs=[("a", "make"), ("p", "make"), ("q", "make")],
                    outputs=["b", "pair"])
    pipeline.run_ok("again", inputs=[("b", "tie"), ("pair", "tie")], outputs=["c", "alias"])
    assert pipeline.manifest("again", "c")["object_share"] == {"was": ["b", "tie"]}
    assert pipeline.manifest("again", "alias")["object_share"] == {"was": ["pair", "tie"]}
    pipeline.run_ok("use", inputs=[("a", "make"), ("b", "tie"), ("c", "again"), ("p", "make"),
                                   ("q", "make"), ("pair", "tie"), ("alias", "again")])


def test_an_output_whose_attributes_raise_is_saved_alone(make_pipeline):
    """Telling whether an output is a part of a figure reads its attributes (an artist's `axes`):
    one that raises there is saved as any other value, and its step's other figure names still
    share their figure."""
    imports = "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt"
    produce = (
        "import matplotlib.artist\n"
        "class Odd(matplotlib.artist.Artist):\n"
        "    @property\n"
        "    def axes(self):\n"
        "        raise RuntimeError('no axes here')\n"
        "odd = Odd()\n"
        "fig, ax = plt.subplots()\n"
    )
    check = "assert type(odd).__name__ == 'Odd' and ax.figure is fig\n"
    pipeline = two_steps(make_pipeline, produce, check, imports=imports)
    pipeline.run_ok("make", outputs=["ax", "fig", "odd"])
    assert "figure_share" not in pipeline.manifest("make", "odd")
    assert pipeline.manifest("make", "fig")["figure_share"]["role"] == "figure"
    pipeline.run_ok("check", inputs=[(name, "make") for name in ["ax", "fig", "odd"]])


def test_large_numpy_arrays_load_mapped_copy_on_write(make_pipeline):
    """Arrays of 16 MiB and more are mapped, not read: still a plain, writable ndarray whose
    writes never reach the producer's file."""
    produce = "big = np.arange(3 * 2**21, dtype=np.float64).reshape(-1, 3)\n"  # 48 MiB
    check = (
        "assert type(big) is np.ndarray and big.flags.writeable, type(big)\n"
        "assert isinstance(big.base, np.memmap), type(big.base)  # mapped, not read\n"
        "assert big.shape == (2**21, 3) and big[-1, -1] == 3 * 2**21 - 1\n"
        "assert np.array_equal(big[:, 0], np.arange(0, 3 * 2**21, 3, dtype=np.float64))\n"
        "big[0, 0] = -1.0\n"
        "big *= 2\n"
        "assert big[0, 0] == -2.0 and big[1, 1] == 8.0\n"
        "copy = big\n"
    )
    pipeline = make_pipeline([
        code_cell("import numpy as np", "imports"),
        code_cell(produce, "step:make"),
        code_cell(check, "step:check"),
        code_cell("assert copy[0, 0] == -2.0\n", "step:use"),
    ])
    pipeline.run_ok("make", outputs=["big"])
    assert pipeline.manifest("make", "big")["format"] == "npy"
    pipeline.run_ok("check", inputs=[("big", "make")], outputs=["copy"])
    import numpy

    untouched = numpy.load(pipeline.data("make", "big") / "value.npy")
    assert untouched[0, 0] == 0.0 and untouched[1, 1] == 4.0
    saved = pipeline.data("check", "copy")
    assert pipeline.manifest("check", "copy")["format"] == "npy"
    copied = numpy.load(saved / "value.npy")
    assert copied[0, 0] == -2.0 and copied[1, 1] == 8.0 and copied.shape == (2**21, 3)
    pipeline.run_ok("use", inputs=[("copy", "check")])


PANDAS_PRODUCE = (
    "frame = pd.DataFrame({'n': [1, 2, 3], 'x': [0.5, None, 2.0], 'name': ['a', 'b', 'c'],\n"
    "                      'kind': pd.Categorical(['u', 'v', 'u']),\n"
    "                      'at': pd.date_range('2024-01-01', periods=3, tz='UTC')},\n"
    "                     index=pd.Index([10, 20, 30], name='id'))\n"
    "numbered = pd.DataFrame([[1, 2], [3, 4]])\n"
    "lists = pd.DataFrame({'l': [[1, 2], [3]]})\n"
    "series = pd.Series([1.5, 2.5], index=['a', 'b'], name='price')\n"
    "daily = pd.DataFrame({'v': [1.0, 2.0]}, index=pd.date_range('2024-01-01', periods=2, freq='D'))\n"
    "days = np.array(['2024-01-01', '2024-01-02'], dtype='datetime64[D]')\n"
    "seconds = pd.DataFrame({'day': days, 'v': [1, 2]})\n"
    "millis = pd.DataFrame({'at': days.astype('datetime64[ms]'), 'took': np.array([5, 6], dtype='m8[ms]')})\n"
)
PANDAS_CHECK = (
    "pd.testing.assert_frame_equal(frame, pd.DataFrame({'n': [1, 2, 3], 'x': [0.5, None, 2.0],\n"
    "    'name': ['a', 'b', 'c'], 'kind': pd.Categorical(['u', 'v', 'u']),\n"
    "    'at': pd.date_range('2024-01-01', periods=3, tz='UTC')}, index=pd.Index([10, 20, 30], name='id')))\n"
    "pd.testing.assert_frame_equal(numbered, pd.DataFrame([[1, 2], [3, 4]]))\n"
    "assert lists['l'].tolist() == [[1, 2], [3]]\n"
    "pd.testing.assert_series_equal(series, pd.Series([1.5, 2.5], index=['a', 'b'], name='price'))\n"
    "assert daily.index.freq == 'D' and daily['v'].tolist() == [1.0, 2.0]\n"
    "assert str(seconds['day'].dtype) == 'datetime64[s]', seconds.dtypes\n"
    "assert seconds['day'].astype('int64').tolist() == [1704067200, 1704153600]\n"
    "assert str(millis['at'].dtype) == 'datetime64[ms]' and str(millis['took'].dtype) == 'timedelta64[ms]'\n"
)
PANDAS_NAMES = ["daily", "frame", "lists", "millis", "numbered", "seconds", "series"]


def test_pandas_with_pyarrow_uses_parquet_where_it_is_exact(make_pipeline):
    pipeline = two_steps(make_pipeline, PANDAS_PRODUCE, PANDAS_CHECK,
                         imports="import numpy as np\nimport pandas as pd")
    pipeline.run_ok("make", outputs=PANDAS_NAMES)
    formats = {name: pipeline.manifest("make", name)["format"] for name in PANDAS_NAMES}
    # integer column names, list cells, an index frequency and times in seconds would not come
    # back from parquet
    assert formats == {"frame": "parquet", "series": "parquet", "numbered": "cloudpickle",
                       "lists": "cloudpickle", "daily": "cloudpickle", "seconds": "cloudpickle",
                       "millis": "parquet"}
    pipeline.run_ok("check", inputs=[(name, "make") for name in PANDAS_NAMES])


INEXACT_PRODUCE = (
    "grades = pd.DataFrame({'grade': pd.Categorical([3, 1, 2])})\n"
    "flags = pd.DataFrame({'f': pd.Categorical([True, False])})\n"
    "ordered = pd.DataFrame({'v': [1, 2]}, index=pd.CategoricalIndex(['lo', 'hi'],\n"
    "                       categories=['hi', 'lo'], ordered=True))\n"
    "named = pd.DataFrame({'v': [1, 2]}, index=pd.Index([10, 20], name=0))\n"
    "holes = pd.DataFrame({'v': [1, 2]}, index=pd.Index(['x', None], dtype=object))\n"
    "strict = pd.DataFrame({'v': [1, 2]}).set_flags(allows_duplicate_labels=False)\n"
    "decimals = pd.DataFrame({'v': [1, 2]}, index=[Decimal('1'), Decimal('2')])\n"
    "levels = pd.DataFrame({'v': [1, 2]}, index=pd.MultiIndex.from_tuples([('a', 1), ('b', 2)],\n"
    "                      names=['k', 0]))\n"
)
INEXACT_CHECK = (
    "pd.testing.assert_frame_equal(grades, pd.DataFrame({'grade': pd.Categorical([3, 1, 2])}))\n"
    "assert grades['grade'].cat.codes.tolist() == [2, 0, 1]\n"
    "pd.testing.assert_frame_equal(flags, pd.DataFrame({'f': pd.Categorical([True, False])}))\n"
    "assert ordered.index.categories.tolist() == ['hi', 'lo'] and ordered.index.ordered\n"
    "assert named.index.name == 0\n"
    "assert holes.index.tolist() == ['x', None] and holes.index.dtype == object\n"
    "assert strict.flags.allows_duplicate_labels is False\n"
    "assert decimals.index.tolist() == [Decimal('1'), Decimal('2')]\n"
    "assert levels.index.names == ['k', 0]\n"
)
INEXACT_NAMES = ["decimals", "flags", "grades", "holes", "levels", "named", "ordered", "strict"]


def test_pandas_frames_parquet_would_change_go_through_pickle(make_pipeline):
    """Categoricals of numbers or bools, a categorical index, an index named by a number, an
    object index with None or Decimals, flags: parquet gives them back changed."""
    pipeline = two_steps(make_pipeline, INEXACT_PRODUCE, INEXACT_CHECK,
                         imports="from decimal import Decimal\nimport pandas as pd")
    pipeline.run_ok("make", outputs=INEXACT_NAMES)
    formats = {name: pipeline.manifest("make", name)["format"] for name in INEXACT_NAMES}
    assert formats == dict.fromkeys(INEXACT_NAMES, "cloudpickle")
    pipeline.run_ok("check", inputs=[(name, "make") for name in INEXACT_NAMES])


def test_pandas_object_columns_of_strings_stay_object(make_pipeline):
    """pandas 3 reads strings from parquet as its `str` dtype: an object column of strings (a
    replace of numbers by words makes one) would come back as `str`, and the notebook's own
    `dtype == "object"` test of which columns to encode would then find none."""
    produce = (
        "replaced = pd.DataFrame({'tenure': [1, 5], 'churn': [0, 1]})\n"
        "replaced['churn'] = replaced['churn'].replace({0: 'no', 1: 'yes'})\n"
        "texts = pd.DataFrame({'s': ['a', 'b']}).astype(object)\n"
        "strs = pd.DataFrame({'s': ['a', 'b']})\n"
    )
    check = (
        "assert [c for c in replaced.columns if replaced[c].dtype == 'object'] == ['churn']\n"
        "assert texts['s'].dtype == object and texts['s'].tolist() == ['a', 'b']\n"
        "assert strs['s'].dtype == pd.DataFrame({'s': ['a']})['s'].dtype\n"
    )
    names = ["replaced", "strs", "texts"]
    pipeline = two_steps(make_pipeline, produce, check, imports="import pandas as pd")
    pipeline.run_ok("make", outputs=names)
    assert pipeline.manifest("make", "strs")["format"] == "parquet"
    pipeline.run_ok("check", inputs=[(name, "make") for name in names])


def test_pandas_without_pyarrow_falls_back_to_pickle(make_pipeline, tmp_path):
    """pyarrow is blocked by a sitecustomize on PYTHONPATH that makes `import pyarrow` fail."""
    blocker = tmp_path / "no-pyarrow"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCK_PYARROW)
    env = {"PYTHONPATH": str(blocker)}
    pipeline = two_steps(make_pipeline, PANDAS_PRODUCE + "import importlib.util\n"
                         "try:\n    import pyarrow\nexcept ImportError:\n    pass\n"
                         "else:\n    raise AssertionError('pyarrow is not blocked')\n",
                         PANDAS_CHECK, imports="import numpy as np\nimport pandas as pd")
    pipeline.run_ok("make", outputs=PANDAS_NAMES, env=env)
    formats = {pipeline.manifest("make", name)["format"] for name in PANDAS_NAMES}
    assert formats == {"cloudpickle"}
    pipeline.run_ok("check", inputs=[(name, "make") for name in PANDAS_NAMES], env=env)


def test_scikit_learn_estimators_round_trip_with_joblib(make_pipeline):
    produce = (
        "features, labels = load_iris(return_X_y=True)\n"
        "model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))\n"
        "model.fit(features, labels)\n"
        "expected = model.predict_proba(features)\n"
        "wide = StandardScaler().fit(np.arange(200_000.0).reshape(2, -1))\n"
    )
    check = (
        "features, labels = load_iris(return_X_y=True)\n"
        "assert np.array_equal(model.predict_proba(features), expected)\n"
        "assert type(model).__name__ == 'Pipeline'\n"
        "assert wide.mean_[-1] == 149_999.0\n"
    )
    imports = (
        "import numpy as np\n"
        "from sklearn.datasets import load_iris\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
    )
    pipeline = two_steps(make_pipeline, produce, check, imports=imports)
    pipeline.run_ok("make", outputs=["expected", "model", "wide"])
    assert pipeline.manifest("make", "model")["format"] == "joblib"
    # Fitted arrays larger than a pickle frame (800 KB here) too.
    assert pipeline.manifest("make", "wide")["format"] == "joblib"
    assert pipeline.manifest("make", "expected")["format"] == "npy"
    pipeline.run_ok("check", inputs=[("expected", "make"), ("model", "make"), ("wide", "make")])


def test_estimators_holding_notebook_code_go_through_cloudpickle(make_pipeline):
    """joblib saves a function or class by its name, which the loading step has not: an
    estimator that is or holds one the notebook defined is saved with its code."""
    produce = (
        "def double(X):\n"
        "    return X * 2\n"
        "class AddOne(BaseEstimator, TransformerMixin):\n"
        "    def fit(self, X, y=None):\n"
        "        return self\n"
        "    def transform(self, X):\n"
        "        return X + 1\n"
        "def scale(X, k):\n"
        "    return X * k\n"
        "ft = FunctionTransformer(double)\n"
        "pipe = make_pipeline(AddOne(), FunctionTransformer(double)).fit(np.ones((1, 1)))\n"
        "partial_ft = FunctionTransformer(functools.partial(scale, k=3))\n"
        "plain = StandardScaler().fit(np.ones((2, 1)))\n"
    )
    check = (
        "assert ft.fit_transform(np.array([[1.0]])).tolist() == [[2.0]]\n"
        "assert pipe.transform(np.array([[1.0]])).tolist() == [[4.0]]\n"
        "assert partial_ft.fit_transform(np.array([[1.0]])).tolist() == [[3.0]]\n"
        "assert plain.mean_.tolist() == [1.0]\n"
    )
    imports = (
        "import functools\n"
        "import numpy as np\n"
        "from sklearn.base import BaseEstimator, TransformerMixin\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import FunctionTransformer, StandardScaler\n"
    )
    pipeline = two_steps(make_pipeline, produce, check, imports=imports)
    names = ["ft", "partial_ft", "pipe", "plain"]
    pipeline.run_ok("make", outputs=names)
    formats = {name: pipeline.manifest("make", name)["format"] for name in names}
    assert formats == {"ft": "cloudpickle", "partial_ft": "cloudpickle", "pipe": "cloudpickle",
                       "plain": "joblib"}
    pipeline.run_ok("check", inputs=[(name, "make") for name in names])


def test_classes_and_functions_defined_in_the_notebook_survive(make_pipeline):
    produce = (
        "class Point:\n"
        "    def __init__(self, x, y):\n"
        "        self.x, self.y = x, y\n"
        "    def area(self):\n"
        "        return self.x * self.y\n"
        "\n"
        "def scaled(point, factor):\n"
        "    return Point(point.x * factor, point.y * factor)\n"
        "\n"
        "corner = Point(2, 3)\n"
        "grow = scaled\n"
        "square = lambda v: v * v\n"
    )
    check = (
        "bigger = grow(corner, 2)\n"
        "assert (corner.area(), bigger.area(), square(4)) == (6, 24, 16)\n"
        "assert type(bigger).__name__ == 'Point' and type(bigger).__module__ == '__main__'\n"
    )
    pipeline = two_steps(make_pipeline, produce, check)
    pipeline.run_ok("make", outputs=["corner", "grow", "square"])
    pipeline.run_ok("check", inputs=[("corner", "make"), ("grow", "make"), ("square", "make")])


def test_notebook_functions_cached_by_functools_pass_to_later_steps(make_pipeline):
    # lru_cache's wrapper is a C object that cloudpickle saves by name, which no later step has:
    # the step saves the function it wraps and the next wraps it again, cache empty
    produce = (
        "factor = 10\n"
        "@functools.lru_cache(maxsize=8, typed=True)\n"
        "def scaled(n):\n"
        "    return n * factor\n"
        "@functools.cache\n"
        "def squared(n):\n"
        "    return n * n\n"
        "assert scaled(2) == 20\n"
    )
    check = (
        "assert (scaled(3), scaled(3), squared(4)) == (30, 30, 16)\n"
        "assert scaled.cache_info() == (1, 1, 8, 1) and scaled.cache_parameters()['typed']\n"
        "assert squared.cache_parameters()['maxsize'] is None\n"
        "assert (scaled.__name__, scaled.__wrapped__.__name__) == ('scaled', 'scaled')\n"
    )
    pipeline = two_steps(make_pipeline, produce, check, imports="import functools")
    pipeline.run_ok("make", outputs=["scaled", "squared", "factor"])
    pipeline.run_ok("check", inputs=[("scaled", "make"), ("squared", "make"), ("factor", "make")])


def test_a_notebook_function_saves_to_the_same_bytes_in_every_run(make_pipeline):
    # the step cache hashes a step's inputs: a function saved differently by each run of the
    # step that defines it would make every step that takes it run again
    # (a class never does: cloudpickle gives each class a random id to know it again)
    produce = (
        "def scaled(values, factor=2):\n"
        "    kept = [v * factor for v in values if v > 0]\n"
        "    return {'label': 'scaled', 'kept': kept, 'count': len(kept)}\n"
    )
    pipeline = two_steps(make_pipeline, produce, "print(scaled([1]))")
    saved = []
    for _ in range(3):
        pipeline.run_ok("make", outputs=["scaled"])
        saved.append((pipeline.data("make", "scaled") / "value.pkl").read_bytes())
    assert saved[0] == saved[1] == saved[2]
    assert b"[cell " in saved[0]  # the code keeps the cell it was defined in


def test_a_crash_while_saving_never_leaves_a_value_that_looks_good(make_pipeline):
    produce = (
        "import os\n"
        "class Crash:\n"
        "    def __reduce__(self):\n"
        "        os._exit(9)\n"
        "value = [b'x' * 100000, Crash() if crash else 'fine']\n"
    )
    pipeline = make_pipeline([
        code_cell("crash = True", "pipeline-parameters"),
        code_cell(produce, "step:make"),
        code_cell("print(value)", "step:check"),
    ])
    crashed = pipeline.run("make", outputs=["value"])
    assert crashed.returncode == 9
    saved = pipeline.data("make", "value")
    assert [name for name in os.listdir(saved) if not name.endswith(".tmp")] == []
    loading = pipeline.run("check", inputs=[("value", "make")])
    assert loading.returncode == 1
    assert "cellpipe: step 'check' failed: cannot load input 'value' from" in loading.stderr
    assert "cellpipe.json is missing" in loading.stderr
    # the next good save clears the crashed one's temporary file
    pipeline.run_ok("make", outputs=["value"], params={"crash": "false"})
    assert sorted(os.listdir(saved)) == ["cellpipe.json", "value.pkl"]
    assert pipeline.run_ok("check", inputs=[("value", "make")]).stdout.startswith("[b'xxx")


FAKE_TORCH = '''
"""A stand-in for torch (not installed here) with the API the runtime uses; it logs the calls."""
import json
import os
import pickle
import types

LOG = os.environ["FAKE_TORCH_LOG"]


def _log(**entry):
    with open(LOG, "a") as stream:
        stream.write(json.dumps(entry) + "\\n")


class Tensor:
    def __init__(self, values):
        self.values = list(values)


class Module:
    pass


nn = types.SimpleNamespace(Module=Module)
cuda = types.SimpleNamespace(is_available=lambda: False)


def save(value, path, pickle_module=pickle):
    _log(call="save", pickle_module=pickle_module.__name__)
    with open(path, "wb") as stream:
        pickle_module.Pickler(stream, protocol=2).dump(value)


def load(path, map_location=None, weights_only=True):
    _log(call="load", map_location=map_location, weights_only=weights_only)
    with open(path, "rb") as stream:
        return pickle.load(stream)
'''


def test_torch_values_go_through_torch_save_whole_with_cloudpickle(make_pipeline, tmp_path):
    """Against a stand-in torch module: which calls the runtime makes, and that a module class
    defined in the notebook survives (torch.save of the whole object, cloudpickle as pickler)."""
    fake = tmp_path / "fake-torch"
    fake.mkdir()
    (fake / "torch.py").write_text(FAKE_TORCH)
    log = tmp_path / "torch-calls.jsonl"
    env = {"PYTHONPATH": str(fake), "FAKE_TORCH_LOG": str(log)}
    produce = (
        "class Net(torch.nn.Module):\n"
        "    def __init__(self):\n"
        "        self.weights = torch.Tensor([1.0, 2.0])\n"
        "net = Net()\n"
        "ones = torch.Tensor([1, 1])\n"
    )
    check = "assert type(net).__name__ == 'Net' and net.weights.values == [1.0, 2.0] and ones.values == [1, 1]\n"
    pipeline = two_steps(make_pipeline, produce, check, imports="import torch")
    pipeline.run_ok("make", outputs=["net", "ones"], env=env)
    assert {pipeline.manifest("make", name)["format"] for name in ("net", "ones")} == {"torch"}
    pipeline.run_ok("check", inputs=[("net", "make"), ("ones", "make")], env=env)
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert calls == [{"call": "save", "pickle_module": "cloudpickle"}] * 2 + [
        {"call": "load", "map_location": "cpu", "weights_only": False}] * 2


def test_saving_and_loading_plain_values_imports_no_heavy_library(make_pipeline):
    pipeline = two_steps(make_pipeline, "value = {'a': [1, 2.5]}\n", "assert value == {'a': [1, 2.5]}\n")
    env = {"PYTHONPROFILEIMPORTTIME": "1"}
    for result in (pipeline.run_ok("make", outputs=["value"], env=env),
                   pipeline.run_ok("check", inputs=[("value", "make")], env=env)):
        imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                    if line.startswith("import time:")}
        assert "cloudpickle" in imported
        assert not imported & {"numpy", "pandas", "pyarrow", "sklearn", "joblib", "torch"}
