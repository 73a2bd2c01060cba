"""A step that leaves archives and compressed files open (as a notebook may: the kernel keeps
them until it shuts down, and closes them then) still leaves them complete on disk when its
script ends, as a kernel's shutdown would, though the script ends without interpreter teardown
(`end_process`)."""
import bz2
import gzip
import lzma
import tarfile
import zipfile

from conftest import code_cell

PRODUCE = """
import bz2, gzip, io, lzma, tarfile, zipfile
archive = zipfile.ZipFile('out.zip', 'w')
archive.writestr('a.txt', 'hello')
text = gzip.open('out.gz', 'wt')
text.write('line\\n' * 1000)
packed = bz2.open('out.bz2', 'wt')
packed.write('b' * 1000)
squeezed = lzma.open('out.xz', 'wt')
squeezed.write('x' * 1000)
tar = tarfile.open('out.tar.gz', 'w:gz')
member = tarfile.TarInfo('t.txt')
member.size = 3
tar.addfile(member, io.BytesIO(b'tar'))
plain = open('out.txt', 'w')
plain.write('plain')
value = 1
"""


def test_archives_and_compressed_files_left_open_are_complete(make_pipeline):
    pipeline = make_pipeline([
        code_cell("import os", "imports"),
        code_cell(PRODUCE, "step:make"),
        code_cell("assert value == 1", "step:check"),
    ])
    pipeline.run_ok("make", outputs=["value"])
    directory = pipeline.directory
    with zipfile.ZipFile(directory / "out.zip") as archive:
        assert archive.read("a.txt") == b"hello"
    with gzip.open(directory / "out.gz", "rt") as text:
        assert text.read() == "line\n" * 1000
    with bz2.open(directory / "out.bz2", "rt") as packed:
        assert packed.read() == "b" * 1000
    with lzma.open(directory / "out.xz", "rt") as squeezed:
        assert squeezed.read() == "x" * 1000
    with tarfile.open(directory / "out.tar.gz", "r:gz") as tar:
        assert tar.extractfile("t.txt").read() == b"tar"
    assert (directory / "out.txt").read_text() == "plain"
    pipeline.run_ok("check", inputs=[("value", "make")])
