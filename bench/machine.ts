import { readFileSync } from 'node:fs';
import {
  availableParallelism,
  cpus,
  platform,
  release,
  totalmem,
} from 'node:os';

export type MachineInfo = {
  readonly cpuModel: string;
  readonly cores: number;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly totalMemoryGb: number;
};

/** Reads the CPU model from /proc/cpuinfo, falling back to os.cpus(). */
function readCpuModel(): string {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const line = text.split('\n').find(row => row.startsWith('model name'));
    const model = line?.split(':')[1]?.trim();
    if (model !== undefined && model !== '') return model;
  } catch {
    // Not Linux: os.cpus() below has the model too.
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: readCpuModel(),
    cores: availableParallelism(),
    nodeVersion: process.version,
    platform: `${platform()} ${release()}`,
    totalMemoryGb: totalmem() / 1024 ** 3,
  };
}
