#!/usr/bin/env python3
"""Checks of the Kubernetes manifests in k8s/ and the image in k8s/Dockerfile.

  k8s_manifest_test.py yamllint                 yamllint on every YAML file
  k8s_manifest_test.py render                   render base + overlays, compare
                                                with `kubectl kustomize` when
                                                installed, check the invariants
  k8s_manifest_test.py check-config --precisd BIN
                                                `precisd --check-config` on the
                                                rendered ConfigMaps
  k8s_manifest_test.py schemas --node-dir DIR   every object against the
                                                Kubernetes schemas (npm
                                                kubernetes-models, installed
                                                into DIR on first use)

Exit status: 0 pass, 1 fail, 77 skipped (a tool is missing; the reason is
printed). ctest maps 77 to "skipped" (SKIP_RETURN_CODE).
"""

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
K8S = os.path.join(ROOT, "k8s")
TARGETS = ["base", "overlays/dev", "overlays/prod"]
# kubernetes-models 4.x runs on Node >= 14 (5.x wants Node 22; Debian 12 has
# 18). Pinned so the schemas do not move under the test.
KUBERNETES_MODELS = "kubernetes-models@4.5.1"


def skip(reason):
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)


def import_yaml():
    try:
        import yaml  # noqa: F401  (Debian: python3-yaml)
    except ImportError:
        skip("python3-yaml is not installed (apt-get install python3-yaml)")
    sys.path.insert(0, HERE)
    import kustomize_lite
    return kustomize_lite


def yaml_files():
    out = []
    for directory, _, files in os.walk(K8S):
        out += [os.path.join(directory, f) for f in sorted(files)
                if f.endswith((".yaml", ".yml"))]
    return sorted(out)


# ---------------------------------------------------------------- yamllint --

def cmd_yamllint(_):
    if shutil.which("yamllint") is None:
        skip("yamllint is not installed (apt-get install yamllint)")
    files = yaml_files()
    result = subprocess.run(
        ["yamllint", "--strict", "-c", os.path.join(HERE, "yamllint.yaml")]
        + files, capture_output=True, text=True)
    sys.stdout.write(result.stdout + result.stderr)
    print(f"yamllint: {len(files)} files, exit {result.returncode}")
    return 0 if result.returncode == 0 else 1


# ------------------------------------------------------------------ render --

def by_kind(objects, kind):
    return [o for o in objects if o["kind"] == kind]


def one(objects, kind):
    found = by_kind(objects, kind)
    if len(found) != 1:
        raise AssertionError(f"expected one {kind}, found {len(found)}")
    return found[0]


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def pinned(image):
    """True for name:tag (tag not 'latest') or name@sha256:..."""
    if "@sha256:" in image:
        return True
    last = image.rsplit("/", 1)[-1]
    return ":" in last and not last.endswith(":latest")


def load_config(yaml_module, text):
    return yaml_module.safe_load(text) or {}


def check_objects(objects):
    """Asserts every property k8s/README.md promises; returns a summary."""
    import yaml
    deployment = one(objects, "Deployment")
    config_map = one(objects, "ConfigMap")
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    spec = pod["spec"]
    assert selects(deployment["spec"]["selector"]["matchLabels"], labels), \
        "Deployment selector does not match its pod labels"
    assert isinstance(deployment["spec"].get("replicas"), int) and \
        deployment["spec"]["replicas"] >= 1, "Deployment needs replicas >= 1"

    containers = spec["containers"]
    assert len(containers) == 1, "one container (precisd)"
    c = containers[0]
    assert pinned(c["image"]), f"image not pinned by tag/digest: {c['image']}"
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert set(ports) == {"grpc", "metrics"}, f"container ports {ports}"
    for kind in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            assert resource in c.get("resources", {}).get(kind, {}), \
                f"resources.{kind}.{resource} missing"

    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert probe in c, f"{probe} missing"
        grpc = c[probe].get("grpc")
        assert grpc is not None, f"{probe} is not a native gRPC probe"
        assert grpc["port"] == ports["grpc"], f"{probe} probes another port"
    assert c["readinessProbe"]["grpc"].get("service") == \
        "precis.v1.SummarizerService", "readiness must probe the service"

    # Pod and container hardening.
    pod_sc = spec.get("securityContext", {})
    sc = c.get("securityContext", {})
    assert pod_sc.get("runAsNonRoot") is True or sc.get("runAsNonRoot") is True
    assert "RuntimeDefault" in (pod_sc.get("seccompProfile", {}).get("type"),
                                sc.get("seccompProfile", {}).get("type"))
    assert sc.get("readOnlyRootFilesystem") is True, "readOnlyRootFilesystem"
    assert sc.get("allowPrivilegeEscalation") is False
    assert sc.get("capabilities", {}).get("drop") == ["ALL"], "drop ALL"

    # The config: mounted from the ConfigMap at the path --config names.
    args = c.get("args", [])
    config_path = args[args.index("--config") + 1]
    mount = next(m for m in c["volumeMounts"]
                 if config_path.startswith(m["mountPath"].rstrip("/") + "/"))
    volume = next(v for v in spec["volumes"] if v["name"] == mount["name"])
    assert volume["configMap"]["name"] == config_map["metadata"]["name"], \
        "the config volume does not use the generated ConfigMap"
    key = os.path.relpath(config_path, mount["mountPath"])
    assert key in config_map["data"], f"ConfigMap has no key {key}"
    server = (load_config(yaml, config_map["data"][key]) or {}).get("server", {})
    listen_port = int(str(server.get("listen", "0.0.0.0:50051")).rsplit(":", 1)[1])
    assert listen_port == ports["grpc"], "config listens on another port"
    assert server.get("max_connection_age_seconds", 0) > 0, \
        "set max_connection_age_seconds so load re-spreads after scale-out"
    # Metrics: served on the port the container declares and the pod's
    # scrape annotations name.
    full_config = load_config(yaml, config_map["data"][key]) or {}
    metrics_listen = str((full_config.get("metrics") or {}).get("listen", ""))
    assert metrics_listen, "metrics.listen is off: nothing serves /metrics"
    metrics_port = int(metrics_listen.rsplit(":", 1)[1])
    assert metrics_port == ports["metrics"], \
        f"metrics.listen port {metrics_port} != container port {ports['metrics']}"
    annotations = pod["metadata"].get("annotations", {})
    assert annotations.get("prometheus.io/scrape") == "true", \
        "pod template lacks prometheus.io/scrape: \"true\""
    assert annotations.get("prometheus.io/port") == str(ports["metrics"]), \
        "prometheus.io/port does not name the metrics port"
    assert annotations.get("prometheus.io/path", "/metrics") == "/metrics"
    limits = full_config.get("limits") or {}
    assert limits.get("max_in_flight_calls", 0) > 0, \
        "set limits.max_in_flight_calls explicitly (the pod's CPUs, not the node's)"

    # Shutdown budget: preStop + grace + drain must fit in the pod's
    # terminationGracePeriodSeconds, or the kubelet SIGKILLs mid-drain.
    pre_stop = c["lifecycle"]["preStop"]
    if "sleep" in pre_stop:
        pre_stop_seconds = pre_stop["sleep"]["seconds"]
    else:
        command = pre_stop["exec"]["command"]
        assert command[0] == "sleep", f"preStop is not a sleep: {command}"
        pre_stop_seconds = float(command[1])
    budget = (pre_stop_seconds + server.get("shutdown_grace_seconds", 0)
              + server.get("shutdown_drain_seconds", 10))
    grace = spec["terminationGracePeriodSeconds"]
    assert grace > budget, (f"terminationGracePeriodSeconds {grace} <= preStop "
                            f"+ grace + drain = {budget}")
    # A draining precisd reports NOT_SERVING: the liveness probe must not
    # give up on it before the drain can end.
    live = c["livenessProbe"]
    patience = live.get("periodSeconds", 10) * live.get("failureThreshold", 3)
    drain = (server.get("shutdown_grace_seconds", 0)
             + server.get("shutdown_drain_seconds", 10))
    assert patience > drain, (f"livenessProbe gives up after {patience}s, "
                              f"before a {drain}s drain ends")

    # Services: a ClusterIP one with port "grpc" and a headless one.
    services = by_kind(objects, "Service")
    cluster_ip = [s for s in services if s["spec"].get("clusterIP") != "None"]
    headless = [s for s in services if s["spec"].get("clusterIP") == "None"]
    assert len(cluster_ip) == 1 and len(headless) == 1, "two Services"
    for s in services:
        assert selects(s["spec"]["selector"], labels), \
            f"Service {s['metadata']['name']} selects no precisd pod"
        for p in s["spec"]["ports"]:
            target = p.get("targetPort", p["port"])
            assert target in ports or target in ports.values(), \
                f"Service {s['metadata']['name']} targets unknown port {target}"
    assert any(p["name"] == "grpc" and p.get("targetPort") in ("grpc", ports["grpc"])
               for p in cluster_ip[0]["spec"]["ports"]), "ClusterIP port 'grpc'"

    hpa = one(objects, "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["kind"] == "Deployment"
    assert hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    assert any(m["type"] == "Resource" and m["resource"]["name"] == "cpu"
               for m in hpa["spec"]["metrics"]), "HPA must scale on CPU"

    pdb = one(objects, "PodDisruptionBudget")
    assert selects(pdb["spec"]["selector"]["matchLabels"], labels)
    assert ("minAvailable" in pdb["spec"]) != ("maxUnavailable" in pdb["spec"])
    if "minAvailable" in pdb["spec"]:
        assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"], \
            "minAvailable >= minReplicas would block every node drain"

    policy = one(objects, "NetworkPolicy")
    assert selects(policy["spec"]["podSelector"]["matchLabels"], labels)
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    allowed = set()
    for rule in policy["spec"]["ingress"]:
        for p in rule["ports"]:
            port = p["port"]
            allowed.add(port if isinstance(port, str) else
                        next(n for n, v in ports.items() if v == port))
    assert allowed == {"grpc", "metrics"}, f"NetworkPolicy admits {allowed}"

    for o in objects:
        assert o["metadata"]["name"], "every object is named"
    namespaces = {o["metadata"].get("namespace") for o in objects}
    assert len(namespaces) == 1, f"objects span namespaces {namespaces}"
    return (f"replicas={deployment['spec']['replicas']} "
            f"hpa={hpa['spec']['minReplicas']}..{hpa['spec']['maxReplicas']} "
            f"image={c['image']} namespace={namespaces.pop()} "
            f"termination={grace}s>{budget:g}s "
            f"cpu={c['resources']['requests']['cpu']}/"
            f"{c['resources']['limits']['cpu']}")


def check_mutations_fail(objects):
    """The checks must catch what they claim to: each broken copy fails."""
    def deployment_container(objs):
        return one(objs, "Deployment")["spec"]["template"]["spec"]["containers"][0]

    def set_latest(o):
        deployment_container(o)["image"] = "precis:latest"

    def writable(o):
        deployment_container(o)["securityContext"]["readOnlyRootFilesystem"] = False

    def http_probe(o):
        deployment_container(o)["livenessProbe"] = {"tcpSocket": {"port": 50051}}

    def short_grace(o):
        one(o, "Deployment")["spec"]["template"]["spec"][
            "terminationGracePeriodSeconds"] = 10

    def no_scrape(o):
        del one(o, "Deployment")["spec"]["template"]["metadata"]["annotations"]

    def metrics_off(o):
        cm = one(o, "ConfigMap")
        cm["data"]["precisd.yaml"] = cm["data"]["precisd.yaml"].replace(
            'listen: "0.0.0.0:9090"', 'listen: ""')

    def open_policy(o):
        one(o, "NetworkPolicy")["spec"]["ingress"][0]["ports"].append(
            {"port": 22, "protocol": "TCP"})

    def hpa_v1(o):
        one(o, "HorizontalPodAutoscaler")["apiVersion"] = "autoscaling/v1"

    def no_limits(o):
        del deployment_container(o)["resources"]["limits"]

    def impatient_liveness(o):
        deployment_container(o)["livenessProbe"]["failureThreshold"] = 1

    for mutate in (set_latest, writable, http_probe, short_grace, open_policy,
                   hpa_v1, no_limits, impatient_liveness, no_scrape,
                   metrics_off):
        broken = copy.deepcopy(objects)
        mutate(broken)
        try:
            check_objects(broken)
        except (AssertionError, KeyError, StopIteration):
            continue
        raise AssertionError(f"check_objects accepted a broken copy: "
                             f"{mutate.__name__}")


def check_dockerfile(objects):
    """k8s/Dockerfile agrees with the Deployment (user, ports) and the issue
    (multi-stage, pinned base, no HEALTHCHECK)."""
    with open(os.path.join(K8S, "Dockerfile"), encoding="utf-8") as f:
        text = f.read()
    lines = [l.strip() for l in text.splitlines()
             if l.strip() and not l.strip().startswith("#")]
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", "\n".join(lines), re.M))
    froms = [l.split()[1] for l in lines if l.startswith("FROM ")]
    assert len(froms) >= 2, "multi-stage build"
    for image in froms:
        image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], image)
        assert pinned(image), f"base image not pinned: {image}"
    assert not any(l.startswith("HEALTHCHECK") for l in lines), "HEALTHCHECK"
    user = [l.split()[1] for l in lines if l.startswith("USER ")][-1]
    uid = int(user.split(":")[0])
    spec = one(objects, "Deployment")["spec"]["template"]["spec"]
    assert uid != 0 and uid == spec["securityContext"]["runAsUser"], \
        f"image user {uid} != runAsUser"
    exposed = set()
    for l in lines:
        if l.startswith("EXPOSE "):
            for p in l.split()[1:]:
                p = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], p)
                exposed.add(int(p.split("/")[0]))
    ports = {p["containerPort"] for p in spec["containers"][0]["ports"]}
    assert exposed == ports, f"EXPOSE {exposed} != container ports {ports}"


def render_all(kustomize_lite):
    rendered = {}
    for target in TARGETS:
        rendered[target] = kustomize_lite.render(os.path.join(K8S, target))
    return rendered


def cmd_render(args):
    kustomize_lite = import_yaml()
    import yaml
    rendered = render_all(kustomize_lite)
    kubectl = shutil.which("kubectl")
    key = lambda o: (o["kind"], o["metadata"]["name"])  # noqa: E731
    failures = 0
    for target, objects in rendered.items():
        try:
            summary = check_objects(objects)
            if target == "base":
                check_mutations_fail(objects)
                check_dockerfile(objects)
            print(f"{target}: {len(objects)} objects OK ({summary})")
        except (AssertionError, KeyError, StopIteration) as e:
            print(f"FAIL {target}: {type(e).__name__}: {e}")
            failures += 1
        if kubectl:
            result = subprocess.run(
                [kubectl, "kustomize", os.path.join(K8S, target)],
                capture_output=True, text=True)
            if result.returncode != 0:
                print(f"FAIL {target}: kubectl kustomize: {result.stderr}")
                failures += 1
                continue
            reference = [d for d in yaml.safe_load_all(result.stdout) if d]
            if sorted(reference, key=key) != sorted(objects, key=key):
                print(f"FAIL {target}: kustomize_lite differs from "
                      f"kubectl kustomize")
                failures += 1
            else:
                print(f"{target}: identical to `kubectl kustomize`")
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            name = target.replace("/", "-") + ".json"
            with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
                json.dump(objects, f, indent=1)
    if not kubectl:
        print("note: kubectl not installed; rendered with kustomize_lite only")
    return 1 if failures else 0


# ------------------------------------------------------------ check-config --

def cmd_check_config(args):
    kustomize_lite = import_yaml()
    failures = 0
    configs = {os.path.join(K8S, "base", "precisd.yaml")}
    with tempfile.TemporaryDirectory() as tmp:
        for target, objects in render_all(kustomize_lite).items():
            for cm in by_kind(objects, "ConfigMap"):
                for key, text in cm["data"].items():
                    path = os.path.join(tmp, target.replace("/", "-") + "-" + key)
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    configs.add(path)
        for path in sorted(configs):
            result = subprocess.run(
                [args.precisd, "--check-config", "--config", path],
                capture_output=True, text=True)
            ok = result.returncode == 0
            print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(path)}: "
                  f"{(result.stdout + result.stderr).strip()}")
            failures += 0 if ok else 1
        # A broken config must be refused, or this test proves nothing.
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("server:\n  max_connection_ag_seconds: 300\n")
        if subprocess.run([args.precisd, "--check-config", "--config", bad],
                          capture_output=True).returncode != 2:
            print("FAIL precisd --check-config accepted an unknown key")
            failures += 1
    return 1 if failures else 0


# ----------------------------------------------------------------- schemas --

VALIDATOR = r"""
// Validates Kubernetes objects (JSON files given as arguments: an array or
// one object each) with kubernetes-models' generated JSON-schema validators.
// Objects in files named "broken-*" must FAIL validation (a self-check).
const path = require("path");
let failures = 0, count = 0;
for (const file of process.argv.slice(2)) {
  const expectInvalid = path.basename(file).startsWith("broken-");
  let objects = require(path.resolve(file));
  if (!Array.isArray(objects)) objects = [objects];
  for (const o of objects) {
    const [group, version] = o.apiVersion.includes("/")
        ? o.apiVersion.split("/") : ["", o.apiVersion];
    const module = ["kubernetes-models", group, version, o.kind]
        .filter(Boolean).join("/");
    const label = `${path.basename(file)}: ${o.apiVersion} ${o.kind} ` +
        `${o.metadata && o.metadata.name}`;
    count++;
    let error = null;
    try {
      const Model = require(module)[o.kind];
      new Model(o).validate();
    } catch (e) {
      error = e;
    }
    if (expectInvalid) {
      if (error) {
        console.log(`ok   ${label}: rejected as expected: ${error.message}`);
      } else {
        failures++;
        console.log(`FAIL ${label}: an invalid object passed validation`);
      }
    } else if (error) {
      failures++;
      console.log(`FAIL ${label}: ${error.message}`);
    } else {
      console.log(`ok   ${label}`);
    }
  }
}
console.log(`${count} objects, ${failures} invalid`);
process.exit(failures ? 1 : 0);
"""


def ensure_models(node_dir):
    marker = os.path.join(node_dir, "node_modules", "kubernetes-models",
                          "package.json")
    if os.path.exists(marker):
        return
    if shutil.which("npm") is None:
        skip("npm is not installed (apt-get install npm)")
    os.makedirs(node_dir, exist_ok=True)
    try:
        result = subprocess.run(
            ["npm", "install", "--prefix", node_dir, "--no-audit", "--no-fund",
             "--no-save", "--loglevel=error", KUBERNETES_MODELS],
            capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        skip(f"npm install {KUBERNETES_MODELS} timed out (registry unreachable?)")
    if result.returncode != 0 or not os.path.exists(marker):
        skip(f"npm install {KUBERNETES_MODELS} failed (registry unreachable?): "
             f"{result.stderr.strip()[-300:]}")


def cmd_schemas(args):
    kustomize_lite = import_yaml()
    import yaml
    if shutil.which("node") is None:
        skip("node is not installed (apt-get install nodejs)")
    ensure_models(args.node_dir)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        # Every manifest file as written (patches are partial objects and
        # are validated as part of the rendered overlays instead).
        for path in yaml_files():
            rel = os.path.relpath(path, K8S)
            if os.path.basename(path) in ("kustomization.yaml", "precisd.yaml") \
                    or rel.startswith("overlays"):
                continue
            with open(path, encoding="utf-8") as f:
                docs = [d for d in yaml.safe_load_all(f) if d]
            out = os.path.join(tmp, rel.replace("/", "-") + ".json")
            with open(out, "w", encoding="utf-8") as f:
                json.dump(docs, f)
            files.append(out)
        for target, objects in render_all(kustomize_lite).items():
            out = os.path.join(tmp, "rendered-" + target.replace("/", "-") + ".json")
            with open(out, "w", encoding="utf-8") as f:
                json.dump(objects, f)
            files.append(out)
            if target == "base":
                # Ports must be integers: a schema-valid renderer would
                # still let this through, the validator must not.
                broken = copy.deepcopy(one(objects, "Deployment"))
                broken["spec"]["template"]["spec"]["containers"][0]["ports"][0][
                    "containerPort"] = "fifty"
                out = os.path.join(tmp, "broken-deployment.json")
                with open(out, "w", encoding="utf-8") as f:
                    json.dump([broken], f)
                files.append(out)
        script = os.path.join(tmp, "validate.cjs")
        with open(script, "w", encoding="utf-8") as f:
            f.write(VALIDATOR)
        env = dict(os.environ,
                   NODE_PATH=os.path.join(args.node_dir, "node_modules"))
        result = subprocess.run(["node", script] + files, env=env,
                                capture_output=True, text=True)
        sys.stdout.write(result.stdout + result.stderr)
        return result.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("yamllint").set_defaults(run=cmd_yamllint)
    render = sub.add_parser("render")
    render.add_argument("--out", help="also write rendered JSON here")
    render.set_defaults(run=cmd_render)
    check = sub.add_parser("check-config")
    check.add_argument("--precisd", required=True)
    check.set_defaults(run=cmd_check_config)
    schemas = sub.add_parser("schemas")
    schemas.add_argument("--node-dir", required=True)
    schemas.set_defaults(run=cmd_schemas)
    args = parser.parse_args()
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
