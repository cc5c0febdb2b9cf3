// Test support: two Syncthing daemons from Debian's package on 127.0.0.1 keeping one folder
// in step — each with its own home and ports; global and local discovery, relays, NAT,
// usage reporting and upgrades off; each knows the other at an explicit address.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './find-program';

const run = promisify(execFile);
const FOLDER_ID = 'dossier-sync';

export interface Daemon {
  home: string;
  folder: string;
  id: string;
  gui: number;
  apiKey: string;
  process: ChildProcess | null;
}

export async function startPair(
  bin: string,
  root: string,
): Promise<{ daemons: [Daemon, Daemon]; stop: () => Promise<void>; rescan: () => Promise<void> }> {
  const env = { ...process.env, STNODEFAULTFOLDER: '1', STNOUPGRADE: '1', HOME: root };
  const daemons: Daemon[] = [];
  for (const name of ['one', 'two']) {
    const home = path.join(root, `${name}-home`);
    const folder = path.join(root, `${name}-folder`);
    await fs.mkdir(path.join(folder, '.stfolder'), { recursive: true });
    await run(bin, ['generate', `--home=${home}`, '--no-default-folder'], { env });
    const { stdout } = await run(bin, [`--home=${home}`, '--device-id'], { env });
    daemons.push({
      home,
      folder,
      id: stdout.trim(),
      gui: await freePort(),
      apiKey: `key-${name}-${Date.now()}`,
      process: null,
    });
  }
  const ports = [await freePort(), await freePort()];
  for (const [i, d] of daemons.entries()) {
    const file = path.join(d.home, 'config.xml');
    let xml = await fs.readFile(file, 'utf8');
    const set = (tag: string, value: string) => {
      xml = xml.replace(new RegExp(`<${tag}>[^<]*</${tag}>`), `<${tag}>${value}</${tag}>`);
    };
    set('listenAddress', `tcp://127.0.0.1:${ports[i]}`);
    for (const off of [
      'globalAnnounceEnabled',
      'localAnnounceEnabled',
      'relaysEnabled',
      'natEnabled',
      'startBrowser',
      'crashReportingEnabled',
    ])
      set(off, 'false');
    set('urAccepted', '-1');
    set('autoUpgradeIntervalH', '0');
    xml = xml.replace(
      /(<gui[^>]*>\s*<address>)[^<]*(<\/address>)/,
      (_, open: string, close: string) => `${open}127.0.0.1:${d.gui}${close}`,
    );
    set('apikey', d.apiKey);
    const devices = daemons
      .map(
        (x, j) =>
          `<device id="${x.id}" name="d${j}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy=""><address>${x === d ? 'dynamic' : `tcp://127.0.0.1:${ports[j]}`}</address><paused>false</paused><autoAcceptFolders>false</autoAcceptFolders></device>`,
      )
      .join('\n');
    const folder = `<folder id="${FOLDER_ID}" label="dossier" path="${d.folder}" type="sendreceive" rescanIntervalS="1" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">${daemons.map((x) => `<device id="${x.id}" introducedBy=""></device>`).join('')}</folder>`;
    // Replace the generated device entry (only our own) with both, and add the shared folder.
    xml = xml.replace(/<device id="[^"]+" name="[^"]*"[\s\S]*?<\/device>/, `${folder}\n${devices}`);
    await fs.writeFile(file, xml);
  }
  for (const d of daemons) {
    d.process = spawn(bin, ['serve', `--home=${d.home}`, '--no-browser', '--no-restart', '--no-upgrade'], {
      env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  }
  const rescan = async () => {
    await Promise.all(
      daemons.map((d) =>
        fetch(`http://127.0.0.1:${d.gui}/rest/db/scan?folder=${FOLDER_ID}`, {
          method: 'POST',
          headers: { 'X-API-Key': d.apiKey },
        }).then(
          (r) => r.body?.cancel(),
          () => undefined,
        ),
      ),
    );
  };
  const stop = async () => {
    await Promise.all(
      daemons.map(
        (d) =>
          new Promise<void>((resolve) => {
            if (!d.process || d.process.exitCode !== null) return resolve();
            d.process.once('exit', () => resolve());
            d.process.kill('SIGTERM');
            setTimeout(() => d.process?.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
  };
  return { daemons: daemons as [Daemon, Daemon], stop, rescan };
}
