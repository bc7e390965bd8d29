// agij dashboard: a read-only view of a node's public REST API, served by
// agijd itself at /dashboard/ (same origin as the REST routes). Plain
// TypeScript, no framework: hash routes, one view rendered at a time, its
// data refreshed whenever the latest block height changes.
//
// Routes:
//   #/                                  chain status
//   #/jobs?status=&employer=&agent=&key= jobs, filtered and paginated
//   #/job/<id>                          one job: timeline, settlement, certificate
//   #/leaderboard?role=                 reputation leaderboard
//   #/accounting                        locked totals vs the module balance
//   #/allowlist?role=                   members by role, and the issuers

// ---------------------------------------------------------------- REST

// The REST API is on the same server as the dashboard; ?api=<url> on the
// page's address points it at another node instead (its API server must
// allow CORS: [api] enabled-unsafe-cors = true).
const API: string = (() => {
  const fromQuery = new URLSearchParams(location.search).get("api");
  if (fromQuery) return fromQuery.replace(/\/+$/, "");
  return location.origin;
})();

class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

/** NodeDown marks a failure to reach the node at all (no HTTP answer). */
class NodeDown extends Error {}

async function get<T>(path: string): Promise<T> {
  let resp: Response;
  try {
    resp = await fetch(API + path, { headers: { Accept: "application/json" }, cache: "no-store" });
  } catch (e) {
    throw new NodeDown(`cannot reach the node at ${API}: ${(e as Error).message}`);
  }
  const text = await resp.text();
  if (!resp.ok) {
    let msg = text;
    try {
      msg = (JSON.parse(text) as { message?: string }).message || text;
    } catch {
      /* not JSON */
    }
    throw new HttpError(resp.status, `${resp.status} ${msg}`.trim());
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new HttpError(resp.status, `GET ${path}: the answer is not JSON`);
  }
}

// ---------------------------------------------------------------- types (JSON of the protos, snake_case)

interface Coin { denom: string; amount: string }
interface PageResponse { next_key: string | null; total: string }
interface Settlement {
  settled_at: string; kind: string; settled_by: string; resolver: string; denom: string;
  agent_share: string; agent_bond_returned: string; agent_pool_remainder: string; agent_total: string;
  employer_refund: string; employer_pool_remainder: string; agent_bond_to_employer: string; employer_total: string;
  agent_bond_pooled: string; validator_pool: string; dispute_bond: string; dispute_bond_recipient: string;
  community_pool: string; agent_reputation: string; validator_reputation: string;
  validators: { validator: string; approved: boolean; correct: boolean; bond_returned: string; reward: string; slashed: string }[];
}
interface Job {
  id: string; employer: string; spec_uri: string; spec_hash: string; payout: Coin; duration_seconds: string;
  apply_by: string | null; min_agent_reputation: string; status: string; terms: { payment_denom: string; required_approvals: number; required_disapprovals: number; vote_quorum: number; completion_review_period: string; challenge_period: string; dispute_review_period: string };
  created_at: string; agent: string; assigned_at: string | null; completion_uri: string; completion_hash: string;
  completion_requested_at: string | null; agent_payout_pct: number; agent_bond: string; validator_bond: string;
  approvals: number; disapprovals: number; approved_at: string | null; disputed_at: string | null;
  dispute_initiator: string; dispute_bond: string; settlement: Settlement | null; certificate_id: string; stale_reported: boolean;
}
interface Vote { job_id: string; validator: string; approve: boolean; bond: string; cast_at: string; order: number }
interface Certificate {
  certificate: {
    job_id: string; spec_uri: string; spec_hash: string; completion_uri: string; completion_hash: string;
    employer: string; agent: string; approving_validators: string[]; payout: Coin; created_at: string;
    assigned_at: string; completed_at: string; reputation_awarded: string;
  };
  class_id: string; nft_id: string; uri: string; uri_hash: string; owner: string;
}
interface RepRecord {
  address: string; role: string; score: string;
  agent: { jobs_completed: string; jobs_refunded: string; jobs_expired: string; total_earned: string } | null;
  validator: { votes: string; correct: string; wrong: string; total_rewarded: string; total_slashed: string } | null;
}
interface Member {
  address: string; role: string; issuer: string; jurisdiction: string; metadata_uri: string;
  granted_at: string | null; expires_at: string | null; source: string; merkle_root: string;
}
interface Issuer { address: string; name: string; jurisdiction: string; roles: string[] }
interface Accounting {
  locked: { escrow: Coin[]; agent_bonds: Coin[]; validator_bonds: Coin[]; dispute_bonds: Coin[] };
  locked_total: Coin[]; module_address: string; module_balance: Coin[]; balanced: boolean;
}
interface Stats { counts: { status: string; count: string }[]; total: string; pause: { intake: boolean; settlement: boolean } }
interface LatestBlock {
  block: { header: { chain_id: string; height: string; time: string; proposer_address: string }; data?: { txs?: string[] } };
}

// ---------------------------------------------------------------- formatting

function esc(s: unknown): string {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const DISPLAY: Record<string, { name: string; exp: number }> = { uagi: { name: "AGI", exp: 6 } };

/** amount formats an integer amount of denom, e.g. 90000000 uagi -> "90 AGI". */
function amount(value: string | null | undefined, denom = "uagi"): string {
  const v = value && value !== "" ? value : "0";
  const d = DISPLAY[denom];
  if (!d || !/^-?\d+$/.test(v)) return `${esc(v)} ${esc(denom)}`;
  const neg = v.startsWith("-");
  const digits = (neg ? v.slice(1) : v).padStart(d.exp + 1, "0");
  const whole = digits.slice(0, digits.length - d.exp).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = digits.slice(digits.length - d.exp).replace(/0+$/, "");
  const text = `${neg ? "-" : ""}${whole}${frac ? "." + frac : ""} ${d.name}`;
  return `<span class="amt" title="${esc(v)}${esc(denom)}">${text}</span>`;
}

function coins(cs: Coin[] | null | undefined): string {
  if (!cs || cs.length === 0) return amount("0");
  return cs.map((c) => amount(c.amount, c.denom)).join(", ");
}

function time(t: string | null | undefined): string {
  if (!t || t.startsWith("0001-01-01")) return '<span class="muted">–</span>';
  const d = new Date(t);
  if (isNaN(d.getTime())) return esc(t);
  return `<time datetime="${esc(t)}" title="${esc(t)}">${esc(d.toLocaleString())}</time>`;
}

function isSet(t: string | null | undefined): t is string {
  return !!t && !t.startsWith("0001-01-01");
}

/** addr links an address to the jobs it is the employer or agent of. */
function addr(a: string | null | undefined, filter: "employer" | "agent"): string {
  if (!a) return '<span class="muted">–</span>';
  return `<a class="addr" href="#/jobs?${esc(new URLSearchParams({ [filter]: a }).toString())}" title="${esc(a)}">${esc(short(a))}</a>`;
}

function short(a: string): string {
  return a.length > 22 ? `${a.slice(0, 11)}…${a.slice(-6)}` : a;
}

/** enumName turns JOB_STATUS_COMPLETION_REQUESTED into "completion requested". */
function enumName(v: string | null | undefined, prefix: string): string {
  if (!v) return "–";
  return v.replace(prefix, "").toLowerCase().replace(/_/g, " ");
}

function statusBadge(s: string): string {
  const cls: Record<string, string> = {
    JOB_STATUS_COMPLETED: "ok", JOB_STATUS_APPROVED: "ok", JOB_STATUS_REFUNDED: "bad", JOB_STATUS_DISPUTED: "warn",
    JOB_STATUS_EXPIRED: "bad", JOB_STATUS_CANCELLED: "bad",
  };
  return `<span class="badge ${cls[s] || ""}" data-status="${esc(s)}">${esc(enumName(s, "JOB_STATUS_"))}</span>`;
}

/** uriLink links http(s) URIs directly and ipfs:// URIs through a public gateway; others are shown only. */
function uriLink(uri: string | null | undefined): string {
  if (!uri) return '<span class="muted">–</span>';
  let href = "";
  if (/^https?:\/\//i.test(uri)) href = uri;
  else if (/^ipfs:\/\//i.test(uri)) href = "https://ipfs.io/ipfs/" + uri.replace(/^ipfs:\/\//i, "");
  if (!href) return `<code>${esc(uri)}</code>`;
  return `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer"><code>${esc(uri)}</code></a>`;
}

/** table renders rows; numCols are right-aligned, hideSm columns are hidden on a phone screen. */
function table(head: string[], rows: string[][], empty: string, numCols: number[] = [], hideSm: number[] = []): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  const cls = (i: number) => {
    const c = [numCols.includes(i) ? "num" : "", hideSm.includes(i) ? "hide-sm" : ""].filter(Boolean).join(" ");
    return c ? ` class="${c}"` : "";
  };
  const th = head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`).join("");
  return `<div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function kv(pairs: [string, string][]): string {
  return `<dl class="kv">${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

function card(label: string, value: string, id = ""): string {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value"${id ? ` id="${id}"` : ""}>${value}</div></div>`;
}

function errorHtml(e: unknown): string {
  return `<p class="error">${esc((e as Error).message || String(e))}</p>`;
}

// ---------------------------------------------------------------- views

/** A view renders its static part once per route (mount) and its data on every new block (refresh). */
interface View {
  title: string;
  nav: string;
  mount?(el: HTMLElement, q: URLSearchParams): void;
  refresh(q: URLSearchParams): Promise<string>;
}

const JOB_STATUSES = [
  "JOB_STATUS_OPEN", "JOB_STATUS_IN_PROGRESS", "JOB_STATUS_COMPLETION_REQUESTED", "JOB_STATUS_APPROVED",
  "JOB_STATUS_DISPUTED", "JOB_STATUS_COMPLETED", "JOB_STATUS_REFUNDED", "JOB_STATUS_EXPIRED", "JOB_STATUS_CANCELLED",
];
const ROLES = ["ROLE_AGENT", "ROLE_VALIDATOR", "ROLE_MODERATOR", "ROLE_CONSENSUS_VALIDATOR"];
const PAGE_SIZE = 20;

let latest: LatestBlock | null = null;

const statusView: View = {
  title: "Chain status",
  nav: "status",
  async refresh() {
    const [stats, acc] = await Promise.all([get<Stats>("/agij/jobs/v1/stats"), get<Accounting>("/agij/jobs/v1/accounting")]);
    const h = latest?.block.header;
    const counts = stats.counts.filter((c) => c.status !== "JOB_STATUS_UNSPECIFIED");
    return `
      <div class="cards">
        ${card("Chain", esc(h?.chain_id ?? "–"), "chain-id")}
        ${card("Height", esc(h?.height ?? "–"), "height")}
        ${card("Block time", time(h?.time))}
        ${card("Jobs", esc(stats.total), "jobs-total")}
        ${card("Locked", coins(acc.locked_total))}
        ${card("Escrow balanced", acc.balanced ? '<span class="badge ok">yes</span>' : '<span class="badge bad">NO</span>')}
        ${card("Job intake", stats.pause.intake ? '<span class="badge bad">paused</span>' : '<span class="badge ok">open</span>')}
        ${card("Settlement", stats.pause.settlement ? '<span class="badge bad">paused</span>' : '<span class="badge ok">running</span>')}
      </div>
      <h2>Jobs by status</h2>
      ${table(["Status", "Jobs"], counts.map((c) => [
        `<a href="#/jobs?status=${esc(c.status)}">${statusBadge(c.status)}</a>`, esc(c.count),
      ]), "No jobs yet.", [1])}`;
  },
};

const jobsView: View = {
  title: "Jobs",
  nav: "jobs",
  mount(el, q) {
    const opts = ['<option value="">any</option>']
      .concat(JOB_STATUSES.map((s) => `<option value="${s}"${q.get("status") === s ? " selected" : ""}>${esc(enumName(s, "JOB_STATUS_"))}</option>`))
      .join("");
    el.innerHTML = `
      <form class="filters" id="job-filters">
        <label>Status<select name="status">${opts}</select></label>
        <label>Employer<input name="employer" placeholder="agij1…" value="${esc(q.get("employer") ?? "")}" autocomplete="off"></label>
        <label>Agent<input name="agent" placeholder="agij1…" value="${esc(q.get("agent") ?? "")}" autocomplete="off"></label>
        <button type="submit">Filter</button>
        <button type="button" class="secondary" id="job-filters-clear">Clear</button>
      </form>
      <div id="data"></div>`;
    const form = el.querySelector<HTMLFormElement>("#job-filters")!;
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) p.set(k, String(v).trim());
      location.hash = "#/jobs" + (p.toString() ? "?" + p : "");
    });
    el.querySelector("#job-filters-clear")!.addEventListener("click", () => (location.hash = "#/jobs"));
  },
  async refresh(q) {
    const p = new URLSearchParams();
    for (const k of ["status", "employer", "agent"]) if (q.get(k)) p.set(k, q.get(k)!);
    p.set("pagination.limit", String(PAGE_SIZE));
    p.set("pagination.count_total", "true");
    if (q.get("key")) p.set("pagination.key", q.get("key")!);
    const res = await get<{ jobs: Job[]; pagination: PageResponse | null }>("/agij/jobs/v1/jobs?" + p);
    const rows = res.jobs.map((j) => [
      `<a href="#/job/${esc(j.id)}">#${esc(j.id)}</a>`,
      statusBadge(j.status),
      amount(j.payout.amount, j.payout.denom),
      addr(j.employer, "employer"),
      addr(j.agent, "agent"),
      time(j.created_at),
      uriLink(j.spec_uri),
    ]);
    // Pages: the current key is in the address; earlier keys are the "back" history.
    const page = Number(q.get("page") || "1");
    const next = res.pagination?.next_key;
    const nav = new URLSearchParams(q);
    let pager = `<div class="pager"><span class="muted">page ${page}${res.pagination?.total && res.pagination.total !== "0" ? ` · ${esc(res.pagination.total)} jobs` : ""}</span>`;
    if (page > 1) pager += `<a href="javascript:history.back()">← previous</a>`;
    if (next) {
      nav.set("key", next);
      nav.set("page", String(page + 1));
      pager += `<a id="next-page" href="#/jobs?${esc(nav.toString())}">next →</a>`;
    }
    pager += "</div>";
    return table(["Job", "Status", "Payout", "Employer", "Agent", "Created", "Spec"], rows, "No jobs match.", [2], [5, 6]) + pager;
  },
};

function jobView(id: string): View {
  return {
    title: `Job #${id}`,
    nav: "jobs",
    async refresh() {
      const job = (await get<{ job: Job }>(`/agij/jobs/v1/jobs/${encodeURIComponent(id)}`)).job;
      const [votes, cert] = await Promise.all([
        get<{ votes: Vote[] }>(`/agij/jobs/v1/jobs/${encodeURIComponent(id)}/votes`).then((r) => r.votes),
        job.certificate_id && job.certificate_id !== "0"
          ? get<Certificate>(`/agij/jobs/v1/jobs/${encodeURIComponent(id)}/certificate`).catch((e: Error) => e)
          : Promise.resolve(null),
      ]);
      const denom = job.payout.denom;
      return `
        <p>${statusBadge(job.status)} <span id="job-id" class="muted">job ${esc(job.id)}</span></p>
        ${kv([
          ["Payout", amount(job.payout.amount, denom)],
          ["Employer", `<span class="addr">${esc(job.employer)}</span>`],
          ["Agent", job.agent ? `<span class="addr">${esc(job.agent)}</span>` : '<span class="muted">none yet</span>'],
          ["Spec", uriLink(job.spec_uri) + (job.spec_hash ? ` <span class="muted">hash</span> <code>${esc(job.spec_hash)}</code>` : "")],
          ["Deliverable", uriLink(job.completion_uri) + (job.completion_hash ? ` <span class="muted">hash</span> <code>${esc(job.completion_hash)}</code>` : "")],
          ["Duration", `${esc(job.duration_seconds)} s`],
          ["Apply by", time(job.apply_by)],
          ["Votes", `${job.approvals} approve · ${job.disapprovals} disapprove (needs ${job.terms.required_approvals} / ${job.terms.required_disapprovals}, quorum ${job.terms.vote_quorum})`],
          ["Agent bond", amount(job.agent_bond, denom)],
          ["Validator bond", amount(job.validator_bond, denom)],
          ["Agent payout", `${job.agent_payout_pct}%`],
        ])}
        <h2>Timeline</h2>
        ${timeline(job, votes)}
        <h2>Settlement</h2>
        ${job.settlement ? settlementHtml(job.settlement) : '<p class="muted" id="settlement-none">Not settled yet.</p>'}
        <h2>Certificate</h2>
        ${certificateHtml(cert)}`;
    },
  };
}

interface Step { at: string; html: string; cls?: string }

function timeline(job: Job, votes: Vote[]): string {
  const steps: Step[] = [];
  const denom = job.payout.denom;
  steps.push({ at: job.created_at, html: `<b>Created</b> by <span class="addr">${esc(job.employer)}</span>, payout ${amount(job.payout.amount, denom)} in escrow` });
  if (isSet(job.assigned_at)) steps.push({ at: job.assigned_at, html: `<b>Assigned</b> to <span class="addr">${esc(job.agent)}</span>, agent bond ${amount(job.agent_bond, denom)}` });
  if (isSet(job.completion_requested_at)) steps.push({ at: job.completion_requested_at, html: `<b>Completion requested</b>: ${uriLink(job.completion_uri)}` });
  for (const v of [...votes].sort((a, b) => a.order - b.order)) {
    steps.push({
      at: v.cast_at,
      cls: v.approve ? "ok" : "bad",
      html: `<b>Vote ${v.order}: ${v.approve ? "approve" : "disapprove"}</b> by <span class="addr">${esc(v.validator)}</span>, bond ${amount(v.bond, denom)}`,
    });
  }
  if (isSet(job.approved_at)) steps.push({ at: job.approved_at, cls: "ok", html: `<b>Approved</b>: challenge period of ${esc(job.terms.challenge_period)} before payment` });
  if (isSet(job.disputed_at)) steps.push({ at: job.disputed_at, cls: "bad", html: `<b>Disputed</b> by <span class="addr">${esc(job.dispute_initiator)}</span>, dispute bond ${amount(job.dispute_bond, denom)}` });
  const s = job.settlement;
  if (s) {
    steps.push({
      at: s.settled_at,
      cls: s.kind === "SETTLEMENT_KIND_AGENT_WON" ? "ok" : "bad",
      html: `<b>Settled</b>: ${esc(enumName(s.kind, "SETTLEMENT_KIND_"))}, ${esc(enumName(s.settled_by, "SETTLED_BY_"))}${s.resolver ? ` (<span class="addr">${esc(s.resolver)}</span>)` : ""}; agent ${amount(s.agent_total, s.denom || denom)}, employer ${amount(s.employer_total, s.denom || denom)}`,
    });
  }
  steps.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return `<ol class="timeline" id="timeline">${steps.map((st) => `<li class="${st.cls ?? ""}">${st.html}<span class="when">${time(st.at)}</span></li>`).join("")}</ol>`;
}

function settlementHtml(s: Settlement): string {
  const d = s.denom || "uagi";
  const a = (v: string) => amount(v, d);
  return `
    <div id="settlement">
    ${kv([
      ["Outcome", `${esc(enumName(s.kind, "SETTLEMENT_KIND_"))} · ${esc(enumName(s.settled_by, "SETTLED_BY_"))}`],
      ["Settled at", time(s.settled_at)],
      ["Resolver", s.resolver ? `<span class="addr">${esc(s.resolver)}</span>` : '<span class="muted">–</span>'],
    ])}
    <h2>Amounts</h2>
    ${table(["To", "Item", "Amount"], [
      ["Agent", "share of the payout", a(s.agent_share)],
      ["Agent", "bond returned", a(s.agent_bond_returned)],
      ["Agent", "validator pool remainder", a(s.agent_pool_remainder)],
      ["Agent", "<b>total</b>", `<b>${a(s.agent_total)}</b>`],
      ["Employer", "refund", a(s.employer_refund)],
      ["Employer", "validator pool remainder", a(s.employer_pool_remainder)],
      ["Employer", "agent bond forfeited to the employer", a(s.agent_bond_to_employer)],
      ["Employer", "<b>total</b>", `<b>${a(s.employer_total)}</b>`],
      ["Validators", "pool", a(s.validator_pool)],
      ["Validators", "agent bond pooled", a(s.agent_bond_pooled)],
      ["Dispute", `bond${s.dispute_bond_recipient ? ` → <span class="addr">${esc(s.dispute_bond_recipient)}</span>` : ""}`, a(s.dispute_bond)],
      ["Community pool", "", a(s.community_pool)],
      ["Reputation", "agent", esc(s.agent_reputation)],
      ["Reputation", "each correct validator", esc(s.validator_reputation)],
    ], "", [2])}
    <h2>Validators</h2>
    ${table(["Validator", "Vote", "Correct", "Bond returned", "Reward", "Slashed"], (s.validators ?? []).map((v) => [
      `<span class="addr">${esc(v.validator)}</span>`,
      v.approved ? "approve" : "disapprove",
      v.correct ? '<span class="badge ok">yes</span>' : '<span class="badge bad">no</span>',
      a(v.bond_returned), a(v.reward), a(v.slashed),
    ]), "No validator voted.", [3, 4, 5])}
    </div>`;
}

function certificateHtml(c: Certificate | Error | null): string {
  if (c === null) return '<p class="muted" id="certificate-none">No certificate: one is minted when the agent wins.</p>';
  if (c instanceof Error) return errorHtml(c);
  const x = c.certificate;
  return `<div id="certificate">${kv([
    ["NFT", `<code>${esc(c.class_id)}/${esc(c.nft_id)}</code>`],
    ["Owner", `<span class="addr">${esc(c.owner)}</span>`],
    ["Employer", `<span class="addr">${esc(x.employer)}</span>`],
    ["Agent", `<span class="addr">${esc(x.agent)}</span>`],
    ["URI", uriLink(c.uri)],
    ["Spec", uriLink(x.spec_uri)],
    ["Deliverable", uriLink(x.completion_uri)],
    ["Payout", amount(x.payout.amount, x.payout.denom)],
    ["Approving validators", (x.approving_validators ?? []).map((v) => `<span class="addr">${esc(v)}</span>`).join("<br>") || "–"],
    ["Completed", time(x.completed_at)],
    ["Reputation awarded", esc(x.reputation_awarded)],
  ])}</div>`;
}

const leaderboardView: View = {
  title: "Reputation leaderboard",
  nav: "leaderboard",
  mount(el, q) {
    const role = q.get("role") || "ROLE_AGENT";
    el.innerHTML = `<div class="tabs">${["ROLE_AGENT", "ROLE_VALIDATOR"].map((r) =>
      `<a href="#/leaderboard?role=${r}" class="${r === role ? "active" : ""}">${esc(enumName(r, "ROLE_"))}s</a>`).join("")}</div><div id="data"></div>`;
  },
  async refresh(q) {
    const role = q.get("role") || "ROLE_AGENT";
    const res = await get<{ records: RepRecord[] }>(`/agij/reputation/v1/leaderboard?role=${encodeURIComponent(role)}&limit=100`);
    if (role === "ROLE_VALIDATOR") {
      return table(["#", "Validator", "Score", "Votes", "Correct", "Wrong", "Rewarded", "Slashed"], res.records.map((r, i) => [
        String(i + 1), `<span class="addr">${esc(r.address)}</span>`, esc(r.score), esc(r.validator?.votes ?? "0"),
        esc(r.validator?.correct ?? "0"), esc(r.validator?.wrong ?? "0"), amount(r.validator?.total_rewarded), amount(r.validator?.total_slashed),
      ]), "No validator has a reputation yet.", [0, 2, 3, 4, 5, 6, 7], [5, 7]);
    }
    return table(["#", "Agent", "Score", "Completed", "Refunded", "Expired", "Earned"], res.records.map((r, i) => [
      String(i + 1), `<a class="addr" href="#/jobs?agent=${esc(r.address)}">${esc(r.address)}</a>`, esc(r.score),
      esc(r.agent?.jobs_completed ?? "0"), esc(r.agent?.jobs_refunded ?? "0"), esc(r.agent?.jobs_expired ?? "0"), amount(r.agent?.total_earned),
    ]), "No agent has a reputation yet.", [0, 2, 3, 4, 5, 6], [4, 5]);
  },
};

const accountingView: View = {
  title: "Accounting",
  nav: "accounting",
  async refresh() {
    const a = await get<Accounting>("/agij/jobs/v1/accounting");
    return `
      <p id="balanced">${a.balanced
        ? '<span class="badge ok">balanced</span> the module account holds exactly what the jobs lock.'
        : '<span class="badge bad">NOT balanced</span> the module balance differs from the locked totals.'}</p>
      ${table(["Locked for", "Amount"], [
        ["Escrowed payouts", coins(a.locked.escrow)],
        ["Agent bonds", coins(a.locked.agent_bonds)],
        ["Validator bonds", coins(a.locked.validator_bonds)],
        ["Dispute bonds", coins(a.locked.dispute_bonds)],
        ["<b>Locked total</b>", `<b id="locked-total">${coins(a.locked_total)}</b>`],
        ["<b>Module balance</b>", `<b id="module-balance">${coins(a.module_balance)}</b>`],
      ], "", [1])}
      <p class="muted">Module account <span class="addr">${esc(a.module_address)}</span></p>`;
  },
};

const allowlistView: View = {
  title: "Allowlist",
  nav: "allowlist",
  mount(el, q) {
    const role = q.get("role") || "ROLE_AGENT";
    el.innerHTML = `<div class="tabs">${ROLES.map((r) =>
      `<a href="#/allowlist?role=${r}" class="${r === role ? "active" : ""}">${esc(enumName(r, "ROLE_"))}s</a>`).join("")}</div><div id="data"></div>`;
  },
  async refresh(q) {
    const role = q.get("role") || "ROLE_AGENT";
    const [members, issuers] = await Promise.all([
      get<{ members: Member[]; pagination: PageResponse | null }>(`/agij/allowlist/v1/members/${encodeURIComponent(role)}?pagination.limit=500`),
      get<{ issuers: Issuer[] }>("/agij/allowlist/v1/issuers?pagination.limit=500"),
    ]);
    const issuerName = new Map(issuers.issuers.map((i) => [i.address, i.name]));
    const more = members.pagination?.next_key ? '<p class="muted">Only the first 500 members are shown.</p>' : "";
    return `
      <h2>${esc(enumName(role, "ROLE_"))}s</h2>
      ${table(["Member", "Issuer", "Jurisdiction", "Source", "Granted", "Expires"], members.members.map((m) => [
        `<span class="addr">${esc(m.address)}</span>`,
        m.issuer ? `${esc(issuerName.get(m.issuer) ?? "")} <span class="addr">${esc(short(m.issuer))}</span>` : '<span class="muted">–</span>',
        esc(m.jurisdiction || "–"), esc(enumName(m.source, "ADMISSION_SOURCE_")), time(m.granted_at), time(m.expires_at),
      ]), "No members in this role.", [], [4, 5])}${more}
      <h2>Issuers</h2>
      ${table(["Issuer", "Name", "Jurisdiction", "May admit"], issuers.issuers.map((i) => [
        `<span class="addr">${esc(i.address)}</span>`, esc(i.name), esc(i.jurisdiction || "–"),
        (i.roles ?? []).map((r) => esc(enumName(r, "ROLE_"))).join(", "),
      ]), "No issuers.")}`;
  },
};

// ---------------------------------------------------------------- router and refresh loop

function route(): { view: View; q: URLSearchParams; key: string } {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, query] = h.split("?", 2);
  const q = new URLSearchParams(query ?? "");
  const parts = path.split("/").filter(Boolean);
  let view: View;
  switch (parts[0]) {
    case undefined: view = statusView; break;
    case "jobs": view = jobsView; break;
    case "job": view = jobView(parts[1] ?? ""); break;
    case "leaderboard": view = leaderboardView; break;
    case "accounting": view = accountingView; break;
    case "allowlist": view = allowlistView; break;
    default: view = { title: "Not found", nav: "", async refresh() { return `<p>No page ${esc(h)}. <a href="#/">Status</a></p>`; } };
  }
  return { view, q, key: h };
}

const viewEl = document.getElementById("view")!;
const bannerEl = document.getElementById("banner")!;
const chainEl = document.getElementById("chain")!;
let current: { view: View; q: URLSearchParams; key: string; data: HTMLElement } | null = null;
let seq = 0;

function showBanner(msg: string | null): void {
  bannerEl.hidden = !msg;
  bannerEl.textContent = msg ?? "";
  document.body.dataset.node = msg ? "down" : "up";
}

async function render(): Promise<void> {
  if (!current) return;
  const mine = ++seq;
  const { view, q, data } = current;
  try {
    const html = await view.refresh(q);
    if (mine !== seq || !current || current.data !== data) return; // a newer render won
    data.innerHTML = html;
    data.dataset.loaded = "true";
  } catch (e) {
    if (mine !== seq) return;
    if (e instanceof NodeDown) {
      showBanner(`The node is unreachable (${e.message}). Retrying every 2 seconds…`);
      if (!data.dataset.loaded) data.innerHTML = '<p class="muted">Waiting for the node…</p>';
    } else if (e instanceof HttpError && e.status === 404) {
      data.innerHTML = `<p class="error">Not found: ${esc(e.message)}</p>`;
    } else {
      data.innerHTML = errorHtml(e);
    }
  }
}

function mount(): void {
  const r = route();
  document.title = `${r.view.title} · agij`;
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("#nav a"))) {
    a.classList.toggle("active", a.dataset.route === r.view.nav);
  }
  viewEl.innerHTML = `<h1>${esc(r.view.title)}</h1><div id="static"></div>`;
  const staticEl = viewEl.querySelector<HTMLElement>("#static")!;
  r.view.mount?.(staticEl, r.q);
  let data = staticEl.querySelector<HTMLElement>("#data");
  if (!data) {
    data = document.createElement("div");
    data.id = "data";
    staticEl.appendChild(data);
  }
  data.innerHTML = '<p class="muted">Loading…</p>';
  current = { ...r, data };
  void render();
}

let lastHeight = "";

async function poll(): Promise<void> {
  try {
    latest = await get<LatestBlock>("/cosmos/base/tendermint/v1beta1/blocks/latest");
    showBanner(null);
    const h = latest.block.header;
    chainEl.textContent = `${h.chain_id} · block ${h.height}`;
    if (h.height !== lastHeight) {
      lastHeight = h.height;
      void render();
    }
  } catch (e) {
    chainEl.textContent = "offline";
    lastHeight = "";
    showBanner(
      e instanceof NodeDown
        ? `The node is unreachable (${e.message}). Retrying every 2 seconds…`
        : `The node answered with an error: ${(e as Error).message}. Retrying every 2 seconds…`,
    );
  } finally {
    window.setTimeout(() => void poll(), 2000);
  }
}

window.addEventListener("hashchange", mount);
mount();
void poll();
