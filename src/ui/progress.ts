/** Progress on stderr: an ora spinner on an interactive terminal, nothing otherwise. */
export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

export interface ProgressOptions {
  /** False with --no-progress or a machine-readable format. */
  enabled: boolean;
}

export async function startProgress(text: string, options: ProgressOptions): Promise<Progress> {
  if (!options.enabled || !process.stderr.isTTY || process.env.CI) return SILENT;
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream: process.stderr }).start();
  return {
    update(next) {
      spinner.text = next;
    },
    stop() {
      spinner.stop();
    },
  };
}
