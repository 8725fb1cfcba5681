import type { PhaseResult } from "./load";

export interface CaseResult {
  name: string;
  label: string;
  connections: number;
  /** Rows written per request (recordInteractions), for rows/s. */
  rowsPerRequest?: number;
  warmup: PhaseResult;
  measured: PhaseResult;
  /** Measured req/s ÷ the same-run, same-connection-count req/s of the two baselines. */
  vsApollo?: number;
  vsHttp?: number;
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function ms(v: number): string {
  if (!Number.isFinite(v)) return "–";
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

function ratio(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "–";
  return v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

/** Fills in the ratios against the baselines measured at the same connection count. */
export function addRatios(results: CaseResult[]): void {
  for (const r of results) {
    const at = (name: string) => results.find((x) => x.name === name && x.connections === r.connections)?.measured.reqPerSec;
    const apollo = at("apollo");
    const http = at("http");
    r.vsApollo = apollo ? r.measured.reqPerSec / apollo : undefined;
    r.vsHttp = http ? r.measured.reqPerSec / http : undefined;
  }
}

export function markdownTable(results: CaseResult[]): string {
  const lines = [
    "| case | conns | req/s | rows/s | p50 ms | p99 ms | non-2xx | errors | GraphQL errors | vs bare Apollo | vs node:http |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of results) {
    const m = r.measured;
    const rows = r.rowsPerRequest ? int.format(m.reqPerSec * r.rowsPerRequest) : "–";
    lines.push(
      `| ${r.label} | ${r.connections} | ${int.format(m.reqPerSec)} | ${rows} | ${ms(m.latency.p50)} | ${ms(m.latency.p99)} | ${m.non2xx} | ${m.errors} | ${m.mismatches} | ${ratio(r.vsApollo)} | ${ratio(r.vsHttp)} |`,
    );
  }
  return lines.join("\n");
}
