import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives, by its file: the layers issue 12 asks the profiles to be read by. */
const LAYERS: ReadonlyArray<[string, RegExp]> = [
  ['class-validator / class-transformer', /node_modules\/class-(validator|transformer)\//],
  ['Apollo server', /node_modules\/@apollo\//],
  ['graphql-js (parse, validate, execute)', /node_modules\/graphql\//],
  ['Nest GraphQL (resolver wrapping)', /node_modules\/@nestjs\/graphql\//],
  ['Nest core (guards, interceptors, pipes, DI)', /node_modules\/@nestjs\/(core|common|cqrs)\//],
  ['pino logging', /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers|sonic-boom|fast-redact)\//],
  [
    'Fastify (router, hooks, replies)',
    /node_modules\/(fastify|@fastify|@nestjs\/platform-fastify|@as-integrations\/fastify|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring|toad-cache|abstract-logging|process-warning|secure-json-parse|content-type)\//,
  ],
  ['SQLite (better-sqlite3)', /node_modules\/better-sqlite3\//],
  ['TOTP / crypto libraries', /node_modules\/(otplib|@otplib|@noble|@scure|@node-rs)/],
  ['other libraries', /node_modules\//],
  ['session check (apps/…/auth)', /dist\/apps\/identity-api\/src\/auth\//],
  ['service: GraphQL setup, pipes, filters, limits', /dist\/apps\/identity-api\/src\/(graphql|graphql-server|logging)\//],
  ['service: event store and projections', /dist\/libs\/(event-store|read-models)\//],
  ['service: domain', /dist\/libs\/domain\//],
  ['service: security (tokens, hashes, boxes)', /dist\/libs\/security\//],
  ['service: other own code', /dist\//],
  ['Node internals (http, net, streams)', /^node:/],
];
const JSON_NAMES = new Set(['stringify', 'parse']);
const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'garbage collector',
  '(idle)': 'idle',
  '(program)': 'V8 / native (program)',
  '(root)': 'V8 / native (program)',
};

function layerOfUrl(url: string): string | null {
  for (const [layer, pattern] of LAYERS) if (pattern.test(url)) return layer;
  return null;
}

export interface LayerTimes {
  totalMs: number;
  /** Self time per layer; a native frame (no file) counts for the layer of the code that called it, JSON apart. */
  layers: Array<{ layer: string; ms: number }>;
  /** Self time of the busiest frames, with their layer. */
  frames: Array<{ frame: string; layer: string; ms: number }>;
}

/**
 * Self time of a V8 `.cpuprofile` summed by layer, and its top frames; only the samples taken
 * `window.fromMs` to `window.toMs` after the profile began (the load, not the start-up), when given.
 */
export function layerTimes(file: string, window?: { fromMs: number; toMs: number }, topFrames = 12): LayerTimes {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const layerOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = layerOf.get(id);
    if (known) return known;
    const node = byId.get(id);
    let layer = 'V8 / native (program)';
    if (node) {
      const { functionName, url } = node.callFrame;
      const special = SPECIAL[functionName];
      if (special) layer = special;
      else if (url === '' && JSON_NAMES.has(functionName)) layer = 'JSON parse / stringify';
      else if (url === '' && /^(all|get|run|iterate|step|prepare|exec|pragma)$/.test(functionName)) layer = 'SQLite (better-sqlite3)';
      else layer = layerOfUrl(url) ?? (parent.has(id) ? resolve(parent.get(id) as number) : layer);
    }
    layerOf.set(id, layer);
    return layer;
  };
  const self = new Map<number, number>();
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsedMs += ms;
    if (window && (elapsedMs < window.fromMs || elapsedMs > window.toMs)) return;
    self.set(id, (self.get(id) ?? 0) + ms);
  });
  const layers = new Map<string, number>();
  const frames = new Map<string, { layer: string; ms: number }>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const layer = resolve(id);
    totalMs += ms;
    layers.set(layer, (layers.get(layer) ?? 0) + ms);
    const node = byId.get(id);
    const name = node ? `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}`.trim() : String(id);
    const entry = frames.get(name) ?? { layer, ms: 0 };
    entry.ms += ms;
    frames.set(name, entry);
  }
  return {
    totalMs,
    layers: [...layers].map(([layer, ms]) => ({ layer, ms })).sort((a, b) => b.ms - a.ms),
    frames: [...frames]
      .map(([frame, entry]) => ({ frame, ...entry }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topFrames),
  };
}

function shortUrl(url: string): string {
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (module) return `(${module[1]}/${module[2]?.split('/').at(-1)})`;
  const own = /dist\/(.*)$/.exec(url);
  if (own) return `(${own[1]})`;
  return url ? `(${url})` : '';
}

/**
 * The two Markdown tables of a profile (docs/benchmarks.md): self time by layer, as a share of
 * `ofMs` (the busy time; the idle layer left out), and the top frames, their `|` escaped.
 */
export function layerTablesMarkdown(times: LayerTimes, ofMs: number, shareHeading = '% of busy'): string {
  const layers = times.layers
    .filter(({ layer }) => layer !== 'idle')
    .map(({ layer, ms }) => `| ${layer} | ${ms.toFixed(0)} | ${((100 * ms) / ofMs).toFixed(1)}% |`);
  const frames = times.frames.map(({ frame, layer, ms }) => `| \`${frame.replace(/\|/g, '/')}\` | ${layer} | ${ms.toFixed(0)} |`);
  return [
    `| layer (self time) | ms | ${shareHeading} |`,
    '| --- | --- | --- |',
    ...layers,
    '',
    '| top frame (self time) | layer | ms |',
    '| --- | --- | --- |',
    ...frames,
  ].join('\n');
}
