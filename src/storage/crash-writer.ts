/**
 * @module For crash.test.ts only: writes requests to a database in a loop and prints each id on its
 * own line once intake() has returned (committed). The test kills this process with SIGKILL mid-loop
 * and then checks that every printed id is in the database.
 *
 * Usage: node --import tsx src/storage/crash-writer.ts DATABASE_URL AGENCY_ID
 */
import { localDate } from '../domain/calendar/local-date.js';
import { openDatabase } from './storage.js';

const [url, agency] = process.argv.slice(2);
if (!url || !agency) {
  process.stderr.write('usage: crash-writer.ts DATABASE_URL AGENCY_ID\n');
  process.exit(2);
}
const storage = await openDatabase(url);
// A bound, in case the test that should kill this process died first.
const deadline = Date.now() + 120_000;
const receivedOn = localDate('2025-03-03');
for (let n = 0; Date.now() < deadline; n++) {
  const result = await storage.requests.intake(
    {
      agencyId: Number(agency),
      applicantKind: '自然人',
      applicantName: `申请人${n}`,
      content: `请求公开第${n}号文件`,
      channel: '网上',
      receivedOn,
      externalRef: `crash-${n}`,
    },
    { type: 'Received', at: receivedOn },
  );
  // On Linux, writes to a pipe are synchronous: the line has left this process when write returns.
  process.stdout.write(`${result.id}\n`);
}
await storage.close();
