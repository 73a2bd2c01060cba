"""Packs a root filesystem tar as a one-layer image in a docker-archive tar (`docker save`'s
format: manifest.json, the image config, the layer), which `podman load` and
`ctr images import` both read. Standard library only.

usage: python docker-archive.py ROOTFS.tar NAME:TAG OUT.tar
"""

import hashlib
import io
import json
import sys
import tarfile

# A fixed date, so the same layer always gives the same image ID.
CREATED = "1970-01-01T00:00:00Z"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def main(rootfs, reference, out):
    layer = sha256_of(rootfs)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": CREATED,
        "config": {
            "Env": [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG=C.UTF-8",
            ],
            "Cmd": ["python3"],
            "WorkingDir": "/",
        },
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + layer]},
        "history": [{"created": CREATED, "created_by": "scripts/images/cellpipe-python.sh"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_name = layer + "/layer.tar"
    manifest = [{"Config": config_name, "RepoTags": [reference], "Layers": [layer_name]}]
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as archive:
        add_bytes(archive, config_name, config_bytes)
        archive.add(rootfs, arcname=layer_name)
        add_bytes(archive, "manifest.json", json.dumps(manifest).encode())
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
