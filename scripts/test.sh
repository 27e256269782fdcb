#!/usr/bin/env bash
# The test command: installs the real peers the tests use when they are missing, builds, runs every test project
# and prints "N passed, N failed" from the TRX results (the last line of its output).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/dhtnode ] || need+=(dhtnode)
/usr/bin/python3 -c "import opendht" 2>/dev/null || need+=(python3-opendht)
/usr/bin/python3 -c "import cryptography" 2>/dev/null || need+=(python3-cryptography)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The real Jami client for the name-server tests: jamid, driven over a private D-Bus from Python.
[ -x /usr/libexec/jamid ] || need+=(jami-daemon)
[ -x /usr/bin/dbus-daemon ] || need+=(dbus)
/usr/bin/python3 -c "import dbus, gi" 2>/dev/null || need+=(python3-dbus python3-gi)
if ((${#need[@]})); then
  echo "Installing: ${need[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
if ! dotnet build JamiCluster.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi
status=0
dotnet test JamiCluster.sln -c Release --no-build --logger "trx" --results-directory "$results" -nologo || status=$?

read -r passed failed < <(/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test (a crashed host, a build error): count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
