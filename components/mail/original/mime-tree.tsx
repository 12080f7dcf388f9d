import { WarningIcon } from "@/components/ui/icons";
import type {
  CidReferenceView,
  DisplayView,
  MimeNodeView,
  PartRole,
} from "@/lib/server/mail/original/original-view";
import { formatSize } from "@/lib/view-models/list-date";

const ROLE_TEXT: Partial<Record<PartRole, [string, string]>> = {
  shown: ["shown", "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"],
  alternative: ["not shown", "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"],
  resource: ["resource", "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200"],
  attachment: ["attachment", "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"],
  message: ["attached message", "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"],
  status: ["delivery report", "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"],
};

function Fact({ label, value }: { label: string; value: string | number | null | undefined }) {
  if (value === null || value === undefined || value === "") return null;
  return (
    <span className="whitespace-nowrap">
      <span className="text-zinc-500">{label}</span>{" "}
      <span className="font-mono break-all whitespace-normal">
        <bdi>{String(value)}</bdi>
      </span>
    </span>
  );
}

interface PartProps {
  node: MimeNodeView;
  missing: Set<string>;
  /** The original view of an attached message. */
  nestedHref: (section: string) => string;
}

function Part({ node, missing, nestedHref }: PartProps) {
  const role = ROLE_TEXT[node.role];
  const name = node.section ? `Part ${node.section}` : "Message root";
  return (
    <li aria-label={`${name}: ${node.contentType}`} className="mt-1.5">
      <div
        className={`rounded-md border px-3 py-2 ${node.role === "shown" ? "border-green-400 dark:border-green-700" : "border-zinc-200 dark:border-zinc-800"}`}
      >
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-mono text-xs text-zinc-500">{node.section || "root"}</span>
          <span className="font-medium">{node.contentType}</span>
          {role && <span className={`rounded px-1.5 text-xs ${role[1]}`}>{role[0]}</span>}
        </p>
        <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
          <Fact label="charset" value={node.charset} />
          <Fact label="encoding" value={node.kind === "multipart" ? null : node.transferEncoding} />
          <Fact
            label="size"
            value={
              node.kind === "multipart"
                ? null
                : `${formatSize(node.size)} (${node.size.toLocaleString("en-US")} bytes)`
            }
          />
          <Fact label="lines" value={node.lines} />
          <Fact label="filename" value={node.filename} />
          <Fact label="Content-ID" value={node.contentId && `<${node.contentId}>`} />
          <Fact label="disposition" value={node.disposition} />
          <Fact label="description" value={node.description} />
          {node.params.map(([k, v]) => (
            <Fact key={k} label={k} value={v} />
          ))}
        </p>
        {node.notes.map((n) => (
          <p key={n} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {n}
          </p>
        ))}
        {node.kind === "message" && node.section && (
          <a
            href={nestedHref(node.section)}
            className="mt-1 inline-block text-xs text-accent-600 hover:underline"
          >
            Show the original of this attached message
          </a>
        )}
        {node.contentId && missing.has(node.contentId) && (
          <p className="mt-1 text-xs text-red-700 dark:text-red-400">Referenced but not loaded.</p>
        )}
      </div>
      {node.children.length > 0 && (
        <ul className="ml-4 border-l border-zinc-200 pl-3 dark:border-zinc-800">
          {node.children.map((child) => (
            <Part
              key={child.section || "root"}
              node={child}
              missing={missing}
              nestedHref={nestedHref}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function CidReferences({ references }: { references: CidReferenceView[] }) {
  const broken = references.filter((r) => r.status === "missing").length;
  return (
    <div className="mt-3">
      <h3 className="text-sm font-semibold">cid: references in the HTML</h3>
      {references.length === 0 ? (
        <p className="text-xs text-zinc-500">The HTML shows no parts through cid: links.</p>
      ) : (
        <>
          {broken > 0 && (
            <p
              role="note"
              className="flex items-center gap-1 text-xs text-red-700 dark:text-red-400"
            >
              <WarningIcon /> {broken} reference{broken === 1 ? "" : "s"} point
              {broken === 1 ? "s" : ""} at nothing.
            </p>
          )}
          <ul aria-label="cid: references" className="mt-1 space-y-1 text-xs">
            {references.map((r) => (
              <li key={r.cid} className="flex flex-wrap gap-x-2">
                <span className="font-mono break-all">
                  cid:<bdi>{r.cid}</bdi>
                </span>
                <span
                  className={
                    r.status === "missing"
                      ? "font-medium text-red-700 dark:text-red-400"
                      : r.status === "shown"
                        ? "text-green-800 dark:text-green-300"
                        : "text-amber-800 dark:text-amber-300"
                  }
                >
                  {r.note}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The part tree from BODYSTRUCTURE, which part is displayed and why, and broken cid: links. */
export function MimeTree(props: {
  tree: MimeNodeView;
  display: DisplayView;
  cidReferences: CidReferenceView[] | null;
  nestedHref: (section: string) => string;
}) {
  const { display } = props;
  const missing = new Set(
    (props.cidReferences ?? []).filter((r) => r.status !== "shown").map((r) => r.cid),
  );
  return (
    <section aria-labelledby="original-mime" className="px-5 py-3">
      <h2 id="original-mime" className="mb-1 text-base font-semibold">
        MIME structure
      </h2>
      <div className="mb-2 text-sm">
        <p>
          {display.section !== null
            ? `Shown: part ${display.section || "root"}, ${display.reason}.`
            : `Nothing shown: ${display.reason}.`}
        </p>
        {display.steps.length > 0 && (
          <ol
            aria-label="How the displayed part was chosen"
            className="mt-1 list-decimal pl-5 text-xs text-zinc-600 dark:text-zinc-400"
          >
            {display.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        )}
      </div>
      <ul aria-label="MIME parts">
        <Part node={props.tree} missing={missing} nestedHref={props.nestedHref} />
      </ul>
      {props.cidReferences && <CidReferences references={props.cidReferences} />}
    </section>
  );
}
