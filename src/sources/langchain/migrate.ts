/**
 * Re-points a LangChain OpenAI class to the provider where it is constructed: `configuration: { baseURL }`
 * (merged into an inline configuration), the key and the model, as the policy decided (policy/decide.ts).
 */
import { ts } from '../../analysis/typescript/parse.js';
import { propertyNameText } from '../../analysis/typescript/evaluator.js';
import { stringLiteral } from '../../migrate/literals.js';
import type { SitePlanner } from '../../migrate/plan.js';
import { baseUrlEnv, regionBaseUrl, type Decision } from '../../policy/decide.js';
import type { Site } from '../../scan/sites.js';
import { KEY_OPTIONS, MODEL_OPTIONS, RANGED_OPTIONS } from './detectors/clients.js';

export function planLangchainClient(p: SitePlanner, site: Site, decision: Decision): void {
  const node = p.find(site, ts.isNewExpression);
  if (!node) return;
  const set = decision.steps.find((s) => s.action === 'set-client');
  const model = decision.steps.find((s) => s.subject === 'model' && s.action === 'map-model');
  const edited = (s: (typeof decision.steps)[number]) => s === set || s === model || ((s.action === 'clamp' || s.action === 'remove-field') && s.field !== undefined);
  for (const step of decision.steps) if (!edited(step)) p.report(site, node, step);
  if (!set) return;
  const q = p.quote;
  const baseURL = `process.env.${baseUrlEnv(p.t)} ?? ${stringLiteral(regionBaseUrl(p.t, p.region), q)}`;
  const apiKey = `process.env.${p.t.apiKey.env}`;
  // The pre-0.1 `langchain/*` classes know the key only as openAIApiKey and the model as modelName.
  const legacy = importsLegacyPaths(p.sf);
  const fields = node.arguments?.[0];
  const object = fields && ts.isObjectLiteralExpression(fields) ? fields : undefined;
  const named = (name: string) => object?.properties.find((prop) => prop.name && propertyNameText(prop.name) === name);
  const keyName = KEY_OPTIONS.find((o) => named(o)) ?? (legacy ? 'openAIApiKey' : 'apiKey');
  const sets: Array<[string, string]> = [[keyName, apiKey]];
  if (model?.to) {
    const prop = MODEL_OPTIONS.map(named).find((x) => x !== undefined);
    if (prop && ts.isPropertyAssignment(prop) && ts.isStringLiteralLike(prop.initializer)) p.replaceLiteral(prop.initializer, model.to);
    else sets.push([legacy ? 'modelName' : 'model', stringLiteral(model.to, q)]);
  }
  const config = named('configuration');
  if (config && ts.isPropertyAssignment(config) && ts.isObjectLiteralExpression(config.initializer)) {
    p.rewriteObject(config.initializer, [['baseURL', baseURL]], ['basePath']);
  } else {
    sets.push(['configuration', `{ baseURL: ${baseURL} }`]);
  }
  const fresh = `{ ${sets.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  const args = node.arguments;
  if (!args) p.edits.push({ start: node.end, end: node.end, text: `(${fresh})` });
  else if (!object) p.edits.push({ start: args.pos, end: args.end, text: fresh });
  else p.rewriteObject(object, sets, []);
  // Ranged fields: clamped or removed in the options, under LangChain's names.
  for (const step of decision.steps) {
    if (step === set || step === model || !edited(step) || !object) continue;
    const option = Object.entries(RANGED_OPTIONS).find(([, field]) => field === step.field)?.[0];
    const prop = option ? named(option) : undefined;
    if (!prop) continue;
    if (step.action === 'remove-field') p.removeProperty(object, prop);
    else if (ts.isPropertyAssignment(prop) && step.to !== undefined) p.edits.push({ start: prop.initializer.getStart(p.sf), end: prop.initializer.end, text: step.to });
    p.report(site, node, step);
  }
  p.claim(node);
  if (model) p.report(site, node, model);
  p.report(site, node, set);
}

function importsLegacyPaths(sf: ts.SourceFile): boolean {
  return /['"]langchain\/(?:chat_models|embeddings|llms)\/openai['"]/.test(sf.text);
}
