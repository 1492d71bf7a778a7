// Validates Kubernetes manifests against the Kubernetes API's OpenAPI schema, offline: every YAML document
// is checked by the model of its apiVersion and kind from the npm package kubernetes-models (types,
// required fields, enumerations, formats). Like the schema, it does not reject unknown field names; the
// API server's field validation does that when the manifest is applied.
//
//   npm ci --prefix scripts/kubernetes/validate
//   node scripts/kubernetes/validate/validate.mjs scripts/kubernetes/indexed-job.yaml
//
// Prints one line per document; exits 1 if any document is invalid or of a kind the package lacks.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let failed = false;
for (const file of process.argv.slice(2)) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, document] of documents.entries()) {
    const where = `${file}: document ${index + 1}`;
    if (document.errors.length > 0) {
      console.log(`${where}: not YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      failed = true;
      continue;
    }
    const manifest = document.toJS();
    const { apiVersion, kind } = manifest ?? {};
    const name = `${kind} ${manifest?.metadata?.name ?? "(no name)"}`;
    let Model;
    try {
      // "batch/v1" -> kubernetes-models/batch/v1/Job; the core group "v1" -> kubernetes-models/v1/Pod.
      ({ [kind]: Model } = await import(`kubernetes-models/${apiVersion}/${kind}`));
    } catch {
      console.log(`${where} (${name}): no schema for apiVersion ${apiVersion}, kind ${kind}`);
      failed = true;
      continue;
    }
    try {
      new Model(manifest).validate();
      console.log(`${where} (${name}): valid ${apiVersion} ${kind}`);
    } catch (error) {
      console.log(`${where} (${name}): invalid: ${error.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
