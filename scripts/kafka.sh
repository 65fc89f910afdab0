#!/usr/bin/env bash
# A single-node KRaft Kafka broker on loopback, from the jars Maven fetches (config/kafka/pom.xml).
#   scripts/kafka.sh start   formats the log directory once, starts the broker, waits until it accepts clients
#   scripts/kafka.sh stop    stops the broker by its process id
#   scripts/kafka.sh status
# Settings: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KAFKA_DATA_DIR (.data/kafka-$KAFKA_PORT),
# KAFKA_HEAP (512m), KAFKA_START_TIMEOUT seconds (90).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data_dir="${KAFKA_DATA_DIR:-$root/.data/kafka-$port}"
lib="$root/config/kafka/target/lib"
pid_file="$data_dir/broker.pid"
log_file="$data_dir/broker.log"

fetch_jars() {
  if ! ls "$lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
    echo "kafka.sh: fetching the broker jars with Maven (once)" >&2
    mvn -B -q -f "$root/config/kafka/pom.xml" dependency:copy-dependencies >&2
  fi
}

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

accepts_clients() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && grep -q "Transition from STARTING to STARTED" "$log_file" 2>/dev/null; }

start() {
  if running; then echo "kafka.sh: broker already running on 127.0.0.1:$port (pid $(cat "$pid_file"))"; return 0; fi
  command -v java >/dev/null || { echo "kafka.sh: java not found (OpenJDK 17 is needed)" >&2; exit 1; }
  fetch_jars
  mkdir -p "$data_dir/logs"
  sed -e "s#\${PORT}#$port#g" -e "s#\${CONTROLLER_PORT}#$controller_port#g" -e "s#\${LOG_DIR}#$data_dir/logs#g" \
    "$root/config/kafka/server.properties" > "$data_dir/server.properties"
  local java_opts=(-Xms256m "-Xmx${KAFKA_HEAP:-512m}" -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$root/config/kafka/log4j.properties" -Dkafka.logs.dir="$data_dir")
  if [ ! -f "$data_dir/logs/meta.properties" ]; then
    java "${java_opts[@]}" -cp "$lib/*" kafka.tools.StorageTool format \
      -t "$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$data_dir/server.properties" >> "$log_file" 2>&1
  fi
  nohup java "${java_opts[@]}" -cp "$lib/*" kafka.Kafka "$data_dir/server.properties" > "$log_file" 2>&1 &
  echo $! > "$pid_file"
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until accepts_clients; do
    if ! running; then echo "kafka.sh: broker exited during start; see $log_file" >&2; tail -20 "$log_file" >&2; exit 1; fi
    if [ $SECONDS -ge $deadline ]; then echo "kafka.sh: broker not ready after ${KAFKA_START_TIMEOUT:-90}s; see $log_file" >&2; stop; exit 1; fi
    sleep 0.5
  done
  echo "kafka.sh: broker ready on 127.0.0.1:$port (pid $(cat "$pid_file"))"
}

stop() {
  if ! running; then rm -f "$pid_file"; echo "kafka.sh: no broker running on port $port"; return 0; fi
  local pid; pid="$(cat "$pid_file")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pid_file"
  echo "kafka.sh: broker on port $port stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pid_file"))"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: scripts/kafka.sh start|stop|status" >&2; exit 2 ;;
esac
