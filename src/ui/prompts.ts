import { confirm } from '@inquirer/prompts';

/** The last question before anything is written; the default is no. */
export async function confirmWrite(files: number): Promise<boolean> {
  return confirm({ message: `Write these changes to ${files} file${files === 1 ? '' : 's'}?`, default: false });
}
