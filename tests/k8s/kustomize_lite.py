"""A minimal kustomize renderer for the features k8s/ uses, nothing more.

kustomize is not packaged in Debian 12 (kubectl embeds it but is not in
Debian either), so the tests render the overlays with this module and, when
`kubectl` is installed, check that `kubectl kustomize` renders exactly the
same objects.

Supported kustomization keys: apiVersion, kind, resources (files and
directories), namespace, configMapGenerator (name + files; the name gets
kustomize's content hash and references in Deployment volumes follow),
images (name, newName, newTag, digest), replicas (name, count) and patches
(path: a strategic merge patch whose kind + metadata.name pick the target).
Any other key is an error, so an overlay can never silently render
differently from kustomize.
"""

import copy
import hashlib
import json
import os

import yaml

_KNOWN_KEYS = {"apiVersion", "kind", "resources", "namespace",
               "configMapGenerator", "images", "replicas", "patches"}

# Strategic-merge keys of the lists our manifests patch (from the Kubernetes
# API's patchMergeKey markers); other lists are replaced whole.
_MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "env": "name",
    "ports": "containerPort",
}


class KustomizeError(Exception):
    pass


def _load_documents(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def _merge(base, patch):
    """Strategic merge of `patch` into `base` (both plain YAML values)."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif (key in _MERGE_KEYS and isinstance(value, list)
              and isinstance(out.get(key), list)):
            merge_key = _MERGE_KEYS[key]
            merged = list(out[key])
            for item in value:
                at = next((i for i, old in enumerate(merged)
                           if isinstance(old, dict) and isinstance(item, dict)
                           and old.get(merge_key) == item.get(merge_key)), None)
                if at is None:
                    merged.append(copy.deepcopy(item))
                else:
                    merged[at] = _merge(merged[at], item)
            out[key] = merged
        elif key in out:
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def config_map_hash(config_map):
    """kustomize's name suffix (sigs.k8s.io/kustomize/api/hasher): sha256
    over the JSON of kind, name and data, first 10 hex digits with 0,1,3,a,e
    swapped for letters (so the suffix never looks like a number). kustomize
    looks the name up as the single field "metadata/name", which never
    exists, so the name it hashes is always empty; we do the same."""
    encoded = json.dumps(
        {"kind": "ConfigMap", "name": "", "data": config_map.get("data", {})},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # Go's encoding/json escapes these; the hash must see the same bytes.
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        encoded = encoded.replace(char, escape)
    digest = hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def _split_image(image):
    """'repo/name:tag' -> (name, tag, digest); tag and digest may be None."""
    digest = None
    if "@" in image:
        image, digest = image.split("@", 1)
    tag = None
    last = image.rsplit("/", 1)[-1]
    if ":" in last:
        image, tag = image.rsplit(":", 1)
    return image, tag, digest


def _containers(obj):
    spec = obj.get("spec", {}).get("template", {}).get("spec", {})
    return spec.get("containers", []) + spec.get("initContainers", [])


def _build(directory):
    """Objects of one kustomization; generated ConfigMaps are marked."""
    path = os.path.join(directory, "kustomization.yaml")
    with open(path, encoding="utf-8") as f:
        k = yaml.safe_load(f) or {}
    unknown = set(k) - _KNOWN_KEYS
    if unknown:
        raise KustomizeError(f"{path}: unsupported keys {sorted(unknown)}")

    objects = []
    for resource in k.get("resources", []):
        full = os.path.normpath(os.path.join(directory, resource))
        if os.path.isdir(full):
            objects += _build(full)
        else:
            objects += [(doc, False) for doc in _load_documents(full)]

    for generator in k.get("configMapGenerator", []):
        if set(generator) - {"name", "files"}:
            raise KustomizeError(f"{path}: unsupported configMapGenerator "
                                 f"keys {sorted(set(generator))}")
        data = {}
        for file in generator.get("files", []):
            with open(os.path.join(directory, file), encoding="utf-8") as f:
                data[os.path.basename(file)] = f.read()
        objects.append(({"apiVersion": "v1", "kind": "ConfigMap",
                         "metadata": {"name": generator["name"]},
                         "data": data}, True))

    for patch_ref in k.get("patches", []):
        if set(patch_ref) != {"path"}:
            raise KustomizeError(f"{path}: only 'path' patches are supported")
        for patch in _load_documents(os.path.join(directory, patch_ref["path"])):
            targets = [i for i, (o, _) in enumerate(objects)
                       if o["kind"] == patch["kind"]
                       and o["metadata"]["name"] == patch["metadata"]["name"]]
            if len(targets) != 1:
                raise KustomizeError(f"{path}: patch {patch_ref['path']} matches "
                                     f"{len(targets)} objects")
            i = targets[0]
            objects[i] = (_merge(objects[i][0], patch), objects[i][1])

    for image in k.get("images", []):
        for obj, _ in objects:
            for container in _containers(obj):
                name, tag, digest = _split_image(container["image"])
                if name != image["name"]:
                    continue
                name = image.get("newName", name)
                tag = image.get("newTag", tag)
                digest = image.get("digest", digest)
                container["image"] = (name + (f":{tag}" if tag else "")
                                      + (f"@{digest}" if digest else ""))

    for replica in k.get("replicas", []):
        hits = [o for o, _ in objects if o["kind"] == "Deployment"
                and o["metadata"]["name"] == replica["name"]]
        if not hits:
            raise KustomizeError(f"{path}: replicas: no Deployment "
                                 f"{replica['name']}")
        for obj in hits:
            obj["spec"]["replicas"] = replica["count"]

    if "namespace" in k:
        for obj, _ in objects:
            obj["metadata"]["namespace"] = k["namespace"]
    return objects


def render(directory):
    """The objects `kubectl kustomize directory` would print, as dicts."""
    marked = _build(directory)
    renamed = {}
    for obj, generated in marked:
        if generated:
            old = obj["metadata"]["name"]
            suffix = config_map_hash(obj)
            obj["metadata"]["name"] = f"{old}-{suffix}"
            renamed[old] = obj["metadata"]["name"]
    objects = [obj for obj, _ in marked]
    for obj in objects:
        spec = obj.get("spec", {}).get("template", {}).get("spec", {})
        for volume in spec.get("volumes", []):
            cm = volume.get("configMap")
            if cm and cm.get("name") in renamed:
                cm["name"] = renamed[cm["name"]]
    return objects
