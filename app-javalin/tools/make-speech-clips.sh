#!/usr/bin/env bash
# Synthesises the speech clips of the simulator (every line of src/main/resources/sim/scripts-fr.jsonl) and of the load
# harness (the lines of AutoScriptingTranscriber, listed in src/test/resources/com/ethiq/app/load/speech/lines.tsv),
# as 8 kHz mono G.711 mu-law without header (what Twilio streams). Needs espeak-ng and sox (Debian: apt-get install -y
# espeak-ng sox) and python3 (to read the JSONL); the build needs none of them. Run from anywhere:
#   app-javalin/tools/make-speech-clips.sh
# Each clip is one espeak-ng utterance (-s 160 wpm, -a 100), leading and trailing silence trimmed, then its tempo fitted
# with sox so that it lasts exactly 300 ms a word (the simulated recogniser's pace: it releases a line once that much of
# its audio has been received), at -3 dB peak, without dither (so the output is reproducible byte for byte). Voices: the caller fr+m3, the protected person fr+f2 (en-us+m3 / en-us+f2
# for English lines). Com.ethiq.app.sim.SpeechSynthesiser runs the same commands for lines without a clip.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# clip <voice> <text> <out.ulaw>
clip() {
  local voice="$1" text="$2" out="$3"
  local words; words=$(wc -w <<<"$text")
  espeak-ng -v "$voice" -s 160 -a 100 -w "$tmp/raw.wav" "$text"
  sox "$tmp/raw.wav" "$tmp/trim.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  local natural; natural=$(soxi -D "$tmp/trim.wav")
  local target; target=$(awk -v w="$words" 'BEGIN { printf "%.3f", w * 0.3 }')
  local factor; factor=$(awk -v n="$natural" -v t="$target" 'BEGIN { printf "%.4f", n / t }')
  # one sox run, no dither (-D): the same input always gives the same bytes; pad then cut to the exact length
  sox -D "$tmp/trim.wav" -r 8000 -c 1 -t ul "$out" tempo -s "$factor" norm -3 pad 0 0.5 trim 0 "$target"
}

index() { # <dir> <tsv-out> <tracks:voice...> ; reads "file<TAB>track<TAB>language<TAB>text" lines on stdin
  local dir="$1"; mkdir -p "$dir"; : > "$dir/clips.tsv"
  while IFS=$'\t' read -r file track language text; do
    local voice
    case "$language/$track" in
      en/inbound) voice=en-us+m3 ;; en/outbound) voice=en-us+f2 ;;
      */inbound) voice=fr+m3 ;; *) voice=fr+f2 ;;
    esac
    clip "$voice" "$text" "$dir/$file"
    printf '%s\t%s\t%s\t%s\n' "$file" "$voice" "$language" "$text" >> "$dir/clips.tsv"
  done
}

python3 - "$here/src/main/resources/sim/scripts-fr.jsonl" <<'PY' | index "$here/src/main/resources/com/ethiq/app/sim/speech"
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    s = json.loads(line)
    for i, t in enumerate(s["turns"]):
        track = "inbound" if t["speaker"] == "caller" else "outbound"
        print(f'{s["id"]}-{i:02d}.ulaw\t{track}\t{s.get("language", "fr")}\t{" ".join(t["text"].split())}')
PY
index "$here/src/test/resources/com/ethiq/app/load/speech" < "$here/src/test/resources/com/ethiq/app/load/speech/lines.tsv"
du -ch "$here/src/main/resources/com/ethiq/app/sim/speech"/*.ulaw "$here/src/test/resources/com/ethiq/app/load/speech"/*.ulaw | tail -1
