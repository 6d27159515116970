// A stand-in for CUPS `lp` (not installed here): a shell script put first on PATH that records its arguments and
// the document it was given, and answers like lp. The queue "Missing" does not exist, as lp would say.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeLp {
  readonly dir: string;
  /** Each call's arguments, one array per call. */
  calls(): string[][];
  /** The documents received, in order. */
  documents(): Buffer[];
  /** Takes the fake off PATH. */
  restore(): void;
}

export function installFakeLp(dir: string): FakeLp {
  mkdirSync(join(dir, 'docs'), { recursive: true });
  const script = `#!/bin/sh
here="$(dirname "$0")"
n=$(ls "$here/docs" | grep -c "args$")
n=$((n + 1))
printf '%s\\n' "$@" > "$here/docs/call-$n.args"
queue=""
while [ $# -gt 0 ]; do
  case "$1" in
    -d) queue="$2"; shift 2 ;;
    -t) shift 2 ;;
    --) shift ;;
    *) file="$1"; shift ;;
  esac
done
if [ "$queue" = "Missing" ]; then
  echo "lp: The printer or class does not exist." >&2
  exit 1
fi
cp "$file" "$here/docs/call-$n.pdf"
echo "request id is $queue-$((n + 40)) (1 file(s))"
`;
  writeFileSync(join(dir, 'lp'), script);
  chmodSync(join(dir, 'lp'), 0o755);
  const before = process.env.PATH;
  process.env.PATH = `${dir}:${before ?? ''}`;
  const calls = () =>
    readdirSync(join(dir, 'docs'))
      .filter((f) => f.endsWith('.args'))
      .sort((a, b) => parseInt(a.slice(5), 10) - parseInt(b.slice(5), 10));
  return {
    dir,
    calls: () => calls().map((f) => readFileSync(join(dir, 'docs', f), 'utf8').trimEnd().split('\n')),
    documents: () =>
      calls()
        .map((f) => join(dir, 'docs', f.replace('.args', '.pdf')))
        .flatMap((f) => {
          try {
            return [readFileSync(f)];
          } catch {
            return [];
          }
        }),
    restore: () => {
      process.env.PATH = before;
    },
  };
}
