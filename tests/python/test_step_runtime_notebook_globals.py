"""Functions and classes defined in one step and used in a later one see the later step's
globals, as they do when the notebook runs top to bottom in one kernel: cloudpickle saves the
globals a function reads with it, but a loaded notebook function reads the step's own names,
and the saved values only fill in names the step does not have."""
from conftest import code_cell

DEFINE = (
    "x = 1\n"
    "def read_x():\n"
    "    return x\n"
    "def z_read_x():\n"
    "    return x\n"
    "class Reader:\n"
    "    def get(self):\n"
    "        return x\n"
    "reader = Reader()\n"
    "scale = 10\n"
    "def scaled(v):\n"
    "    return v * scale\n"
    "times = scaled\n"
)


def pipeline_of(make_pipeline, later):
    return make_pipeline([
        code_cell(DEFINE, "step:define"),
        code_cell("x = 2", "step:rebind"),
        code_cell(later, "step:use"),
    ])


FUNCTIONS = [("read_x", "define"), ("z_read_x", "define"), ("reader", "define")]


def test_a_loaded_function_reads_the_value_a_later_step_gave_the_global(make_pipeline):
    pipeline = pipeline_of(
        make_pipeline,
        "assert (read_x(), z_read_x(), reader.get()) == (2, 2, 2), (read_x(), z_read_x(), reader.get())\n"
        "assert x == 2\n",
    )
    pipeline.run_ok("define", outputs=["read_x", "z_read_x", "reader"])
    pipeline.run_ok("rebind", outputs=["x"])
    # x loads between read_x and z_read_x (inputs load in name order): neither's saved x wins.
    pipeline.run_ok("use", inputs=FUNCTIONS + [("x", "rebind")])


def test_a_loaded_function_reads_what_the_step_binds_before_calling_it(make_pipeline):
    pipeline = pipeline_of(
        make_pipeline,
        "x = 3\n"
        "assert (read_x(), z_read_x(), reader.get()) == (3, 3, 3), (read_x(), z_read_x(), reader.get())\n"
        "scale = 100\n"
        "assert scaled(2) == 200, scaled(2)\n",
    )
    # The step takes x and scale too (it might call the functions before binding them): the
    # bindings win, as in a kernel.
    pipeline.run_ok("define", outputs=["read_x", "z_read_x", "reader", "scaled", "scale"])
    pipeline.run_ok("rebind", outputs=["x"])
    pipeline.run_ok("use", inputs=FUNCTIONS + [("scaled", "define"), ("scale", "define"),
                                               ("x", "rebind")])


def test_a_global_the_step_does_not_have_comes_from_the_saved_function(make_pipeline):
    # The step takes an alias of the function only, so the analysis cannot tell that it reads
    # `scale`: the value saved with the function fills it in.
    pipeline = pipeline_of(make_pipeline, "assert times(2) == 20, times(2)\n")
    pipeline.run_ok("define", outputs=["times"])
    pipeline.run_ok("use", inputs=[("times", "define")])
