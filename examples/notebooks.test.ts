/**
 * The example notebooks (examples/*.ipynb, see docs/notebooks.md) run headless in the tslab
 * kernel, the way a user runs them, without an error, and show what they say. s3.ipynb gets the
 * S3 test server of @dusk/testing through DUSK_S3_ENDPOINT / DUSK_S3_BUCKET and the AWS_* variables.
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
import { startS3Server } from "@dusk/testing";
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

/** Node's print of the AWS SDK's NodeVersionSupportWarning (S3 on Node 20), each time it is emitted. */
const AWS_SDK_NODE_NOTICE = /\(node:\d+\) Warning: NodeVersionSupportWarning:[^]*?show where the warning was created\)\n/g;

const join_ = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join("") : t ?? "");

/** Executes examples/<name>.ipynb with nbconvert (`env` added to the kernel's environment); the executed notebook. */
function execute(name: string, env: Readonly<Record<string, string>> = {}): Notebook {
  if (!existsSync(join(jupyterPath, "kernels", "tslab", "kernel.json"))) {
    throw new Error(`the tslab kernel is not installed in .jupyter/: ${SETUP}`);
  }
  const r = spawnSync("jupyter", [
    "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120",
    "--output-dir", outDir, join("examples", `${name}.ipynb`),
  ], { cwd: root, env: { ...process.env, ...env, JUPYTER_PATH: jupyterPath }, encoding: "utf8", timeout: 200_000 });
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

  it("s3.ipynb writes CSV and Parquet to S3 and reads them back", async () => {
    const s3 = await startS3Server();
    let out: ReturnType<typeof outputs>;
    try {
      await s3.createBucket("notebook");
      // the endpoint through the notebook's own variables, the credentials through the standard AWS chain
      const { accessKeyId, secretAccessKey } = s3.storageOptions.credentials!;
      out = outputs(execute("s3", {
        DUSK_S3_ENDPOINT: s3.endpoint, DUSK_S3_BUCKET: "notebook",
        AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_REGION: "us-east-1",
      }));
    } finally {
      await s3.stop();
    }
    expect(out.errors).toEqual([]);
    // the AWS SDK's notice that its 2027 releases will need Node 22 is the only thing allowed on stderr
    expect(out.stderr.replace(AWS_SDK_NODE_NOTICE, "")).toBe("");
    expect(out.stdout).toContain("writing under s3://notebook/sales\n");
    expect(out.stdout).toContain([
      "s3://notebook/sales/csv/part-00000.csv", "s3://notebook/sales/csv/part-00001.csv",
      "s3://notebook/sales/parquet/part-00000.parquet", "s3://notebook/sales/parquet/part-00001.parquet",
    ].join("\n"));
    expect(out.stdout).toContain("Dusk DataFrame (lazy) · npartitions=2 · 4 columns\n  day    date32\n  store  utf8\n  units  int64\n  price  float64\nplan: Scan csv[2 files, 2 partitions]");
    expect(out.stdout).toContain([
      "   store   units  revenue   days",
      "   utf8    int64  float64  int64",
      "0  Lille       7    29.75      2",
      "1  Lyon       15    133.5      4",
      "2  Nantes      6     72.0      2",
      "[3 rows × 4 columns]",
    ].join("\n"));
    expect(out.stdout).toContain("Scan parquet[2 files, 2 partitions] filter=price > 5");
    expect(out.stdout).toContain([
      "   store   units_sum  units_max    price",
      "   utf8        int64      int64  float64",
      "0  Lyon           15          6      9.0",
      "1  Nantes          6          5     12.0",
      "[2 rows × 4 columns]",
    ].join("\n"));
    expect(out.html).toContain(`<tr><th>1</th><td>Lyon</td><td style="text-align: right">15</td><td style="text-align: right">133.5</td><td style="text-align: right">4</td></tr>`);
  }, 240_000);

  it("groupby-merge.ipynb aggregates several ways, merges and shows the tables", () => {
    const out = outputs(execute("groupby-merge"));
    expect(out.errors).toEqual([]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toContain("'customer',\n  'qty_sum',\n  'qty_count',\n  'price_min',\n  'price_max',\n  'amount',\n  'orders',\n  'avgAmount'");
    // c2's null qty: counted by dd.count(), not by "count"; its amount is skipped by sum and mean
    expect(out.html).toContain("<tr><th>1</th><td>c2</td><td style=\"text-align: right\">3</td><td style=\"text-align: right\">2</td><td style=\"text-align: right\">4.5</td><td style=\"text-align: right\">12.0</td><td style=\"text-align: right\">24.5</td><td style=\"text-align: right\">3</td><td style=\"text-align: right\">12.25</td></tr>");
    // the one-partition right side is broadcast: no shuffle
    expect(out.stdout).toContain("merge: 1 task");
    expect(out.stdout).not.toContain("shuffle");
    expect(out.stdout).toContain([
      "   customer  name     country  qty_sum   amount",
      "   utf8      utf8     utf8       int64  float64",
      "0  c1        Ada      FR             6    51.25",
      "1  c2        Brendan  DE             3     24.5",
      "2  c3        Chiara   FR             7     46.5",
      "3  c4        Dmitri   IT             4     18.0",
      "4  c9        <null>   <null>         1     6.25",
      "[5 rows × 5 columns]",
    ].join("\n"));
    expect(out.stdout).toContain("0     10  c9        jam          1     6.25\n[1 row × 5 columns]");
    expect(out.stdout).toContain([
      "   country  product  amount_sum  amount_mean  customers",
      "   utf8     utf8        float64      float64      int64",
      "0  DE       cake           12.0         12.0          1",
      "1  DE       jam            12.5         12.5          1",
      "2  DE       tea             0.0       <null>          1",
      "3  FR       cake           60.0         30.0          2",
      "4  FR       jam            6.25         6.25          1",
      "5  FR       tea            31.5        15.75          2",
      "6  IT       tea            18.0         18.0          1",
      "[7 rows × 5 columns]",
    ].join("\n"));
    expect(out.html).toContain("<p style=\"color: #888\">7 rows × 5 columns</p>");
  }, 240_000);

  it("delayed-futures.ipynb runs delayed calls, futures and module functions on a Client", () => {
    const out = outputs(execute("delayed-futures"));
    expect(out.errors).toEqual([]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toContain([
      "workers started",
      "delayed total: 2997000",
      "shared work: 499500 1498500",
      "future: 43",
      "gather: [ 1, 4, 9, 16 ]",
      "asCompleted: [ 1, 4, 9, 16 ]",
      "words per line: [ 4, 2, 3 ]",
      "closure: NOT_SHIPPABLE",
      "as an argument: 11",
    ].join("\n"));
    expect(out.html).toContain("<tr><th>0</th><td>a</td><td style=\"text-align: right\">9</td><td style=\"text-align: right\">6</td></tr>");
    expect(out.stdout).toContain("rows kept: 5\nclosed\n");
  }, 240_000);
});
