import path from 'node:path';
import { UsageError } from '../errors.js';
import { allTemplates, loadConfig } from '../options.js';
import { writeOut } from '../redact/output.js';
import { resolveProviderId } from '../templates/builtins.js';
import { providerDetails, providersJson, providersTable } from '../reporters/providers.js';

export interface ProvidersCommandOptions {
  format: string;
  template?: string[];
  config?: string;
}

/** `qianyi providers` and `qianyi providers show <id>`. */
export async function providersCommand(action: string | undefined, id: string | undefined, options: ProvidersCommandOptions): Promise<number> {
  const templates = await allTemplates(options.template ?? [], loadConfig(path.resolve('.'), options.config));
  if (action === undefined) {
    writeOut(options.format === 'json' ? `${JSON.stringify(providersJson(templates), null, 2)}\n` : providersTable(templates));
    return 0;
  }
  if (action !== 'show') throw new UsageError(`unknown providers action "${action}"`, 'use: qianyi providers, or qianyi providers show <id>');
  if (!id) throw new UsageError('providers show needs a provider id, e.g. qianyi providers show zhipu');
  const template = resolveProviderId(id, templates);
  writeOut(options.format === 'json' ? `${JSON.stringify(providersJson([template]), null, 2)}\n` : providerDetails(template));
  return 0;
}
