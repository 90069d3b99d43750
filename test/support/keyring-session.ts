/**
 * A real Secret Service for tests: a private D-Bus session bus with gnome-keyring-daemon on it,
 * both started and stopped by the tests themselves, with a temporary home so nothing touches
 * the person's own keyring. `@napi-rs/keyring` finds it through DBUS_SESSION_BUS_ADDRESS.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { makeTempDir, removeTempDir } from './temp';

export interface KeyringSession {
  address: string;
  /** Stops both daemons and waits for them to exit before removing the temp home (a daemon still
   * shutting down would write into it again). */
  stop(): Promise<void>;
}

export function keyringToolsAvailable(): string | null {
  for (const tool of ['dbus-daemon', 'gnome-keyring-daemon']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install dbus gnome-keyring)`;
    }
  }
  return null;
}

export async function startKeyringSession(): Promise<KeyringSession> {
  const home = makeTempDir('seedbank-keyring-');
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_RUNTIME_DIR: home };
  const output = execFileSync(
    'dbus-daemon',
    // The bus socket goes in the temp home too (the session default is the shared /tmp), so
    // stop() removes everything this session made.
    ['--session', `--address=unix:dir=${home}`, '--fork', '--nopidfile', '--print-address=1', '--print-pid=1'],
    {
      env,
      encoding: 'utf8',
    },
  );
  const [address = '', pidText = ''] = output.trim().split('\n');
  const dbusPid = Number(pidText);
  const busEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: address };
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: busEnv,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  keyring.stdin.end('\n');
  // The daemon owns org.freedesktop.secrets once it is ready; wait for that name on the bus.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const names = execFileSync(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.ListNames',
        ],
        { env: busEnv, encoding: 'utf8' },
      );
      if (names.includes('org.freedesktop.secrets')) break;
    } catch {
      // bus not answering yet
    }
    if (Date.now() > deadline) throw new Error('gnome-keyring-daemon did not start on the private D-Bus session');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    address,
    async stop() {
      const keyringExited =
        keyring.exitCode !== null || keyring.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => keyring.once('exit', () => resolve()));
      keyring.kill('SIGTERM');
      await Promise.race([keyringExited, delay(5_000).then(() => keyring.kill('SIGKILL'))]);
      try {
        process.kill(dbusPid, 'SIGTERM');
      } catch {
        // already gone
      }
      // dbus-daemon forked away from us: poll until its pid is gone (bounded).
      for (let i = 0; i < 50 && isAlive(dbusPid); i++) await delay(100);
      removeTempDir(home);
    },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
