/**
 * The example notebooks (examples/*.ipynb, see docs/notebooks.md) run headless in the tslab
 * kernel, the way a user runs them, without an error, and show what they say.
 *
 * Needs Jupyter (Debian's jupyter-notebook, python3-ipykernel, jupyter-nbconvert,
 * python3-nbclient) and the kernel in .jupyter/ (`pnpm jupyter:install`); .ci/run installs both.
 * Where they are missing this test fails and says what to install: it never skips, so a green run
 * always means the notebooks ran.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const jupyterPath = join(root, ".jupyter", "share", "jupyter");
const outDir = mkdtempSync(join(tmpdir(), "dusk-notebooks-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const SETUP = "install Jupyter (as root: apt-get install jupyter-notebook python3-ipykernel jupyter-nbconvert python3-nbclient) and the kernel (pnpm jupyter:install); see docs/notebooks.md";

interface Output {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | string[];
  readonly data?: Record<string, string | string[]>;
  readonly ename?: string;
  readonly evalue?: string;
}
interface Notebook { readonly cells: readonly { readonly cell_type: string; readonly outputs?: readonly Output[] }[] }

const join_ = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join("") : t ?? "");

/** Executes examples/<name>.ipynb with nbconvert; the executed notebook. */
function execute(name: string): Notebook {
  if (!existsSync(join(jupyterPath, "kernels", "tslab", "kernel.json"))) {
    throw new Error(`the tslab kernel is not installed in .jupyter/: ${SETUP}`);
  }
  const r = spawnSync("jupyter", [
    "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120",
    "--output-dir", outDir, join("examples", `${name}.ipynb`),
  ], { cwd: root, env: { ...process.env, JUPYTER_PATH: jupyterPath }, encoding: "utf8", timeout: 200_000 });
  if (r.error) throw new Error(`could not run jupyter (${r.error.message}): ${SETUP}`);
  if (r.status !== 0) throw new Error(`examples/${name}.ipynb failed (nbconvert exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(readFileSync(join(outDir, `${name}.ipynb`), "utf8")) as Notebook;
}

/** Every output of the notebook: errors, stderr text, stdout text and HTML. */
function outputs(nb: Notebook): { errors: string[]; stderr: string; stdout: string; html: string } {
  const all = nb.cells.flatMap((c) => c.outputs ?? []);
  return {
    errors: all.filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`),
    stderr: all.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => join_(o.text)).join(""),
    stdout: all.filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => join_(o.text)).join(""),
    html: all.map((o) => join_(o.data?.["text/html"])).join("\n"),
  };
}

describe("the example notebooks", () => {
  it("quickstart.ipynb runs and shows frames and tables", () => {
    const out = outputs(execute("quickstart"));
    expect(out.errors).toEqual([]);
    expect(out.stderr).toBe("");
    // a cell ending in a frame: its summary, nothing computed
    expect(out.stdout).toContain("Dusk DataFrame (lazy) · npartitions=2 · 3 columns\n  id1  utf8\n  v1   int64\n  v3   float64\n");
    expect(out.stdout).toContain("plan: Aggregate keys=[id1] aggs=[v1 := sum(v1), v3 := mean(v3), n := count()] ← Filter ← Scan memory[2 partitions, 5 rows]");
    // dd.display(frame) and dd.display(table) as HTML
    expect(out.html).toContain(`<p><strong>Dusk DataFrame</strong> (lazy) · npartitions=2 · 3 columns</p>`);
    expect(out.html).toContain(`<tr><th>0</th><td>a</td><td style="text-align: right">3</td><td style="text-align: right">1.5</td><td style="text-align: right">1</td></tr>`);
    expect(out.html).toContain("<td>&lt;b&gt;bravo&lt;/b&gt;</td>");
    expect(out.html).not.toContain("<b>bravo</b>");
    expect(out.html).toContain(`<td class="null" style="text-align: right">`);
    expect(out.html).toContain("… 994 rows");
    expect(out.html).toContain("<th>999</th><td style=\"text-align: right\">999</td><td style=\"text-align: right\">4611686018427388903</td>");
    // dd.formatTable
    expect(out.stdout).toContain([
      "   id1      v1       v3      n  name",
      "   utf8  int64  float64  int64  utf8",
      "0  a         3      1.5      1  alpha",
      "1  b         2   <null>      1  <b>bravo</b>",
      "2  c         4      2.5      1  charlie",
      "[3 rows × 5 columns]",
    ].join("\n"));
  }, 240_000);

  it("csv.ipynb reads a CSV file, explains and displays", () => {
    const out = outputs(execute("csv"));
    expect(out.errors).toEqual([]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toContain("  day   date32\n  city  utf8\n  km    float64\n  fare  int64\nplan: Scan csv[1 file, 1 partition]");
    expect(out.stdout).toContain("== Optimized plan ==");
    expect(out.stdout).toContain("Scan csv[1 file, 1 partition] columns=[city, km, fare] filter=fare > 70");
    expect(out.html).toContain("<td>Oslo</td><td style=\"text-align: right\">24.25</td><td style=\"text-align: right\">121.66666666666667</td>");
    expect(out.html).toContain("<tr><th>3</th><td>2024-03-02</td><td>Tromsø</td><td class=\"null\"");
  }, 240_000);
});
