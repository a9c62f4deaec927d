// Response times: the last answer's, and a percentile over the scenario's last request sent N times
// again (the send before is not counted: it may have paid for a connection or a cold cache). The figures go to the report
// as an attachment and into the failure sentence. Durations are the World's: from sending the request to
// the last byte of the body, on this machine's clock.
import { Then } from '@cucumber/cucumber';
import { figures, ordinal, statusTally, summarise } from '../support/assertions/timing';
import type { ApiWorld } from '../support/world';

Then('the response arrives within {int} ms', function (this: ApiWorld, limit: number) {
  const took = this.exchange.durationMs;
  if (took > limit) this.fail(`Expected ${this.describeRequest()} to answer within ${limit} ms, but it took ${took} ms`);
});

Then('when sent {int} times, the {ordinal} percentile is within {int} ms', async function (this: ApiWorld, times: number, percentile: number, limit: number) {
  if (times < 1) throw new Error(`"when sent ${times} times": send the request at least once`);
  if (percentile < 1 || percentile > 100) throw new Error(`"the ${ordinal(percentile)} percentile" does not exist: write one from 1st to 100th`);
  const request = this.describeRequest();
  const firstStatus = this.response.status;
  const durations: number[] = [];
  const statuses: number[] = [];
  for (let sent = 0; sent < times; sent++) {
    const exchange = await this.resend();
    durations.push(exchange.durationMs);
    statuses.push(exchange.response!.status);
  }
  const timings = summarise(durations, percentile);
  const measured = `${figures(timings)}; statuses ${statusTally(statuses)}`;
  await this.note(`Response times: ${request} × ${times}`, `${request}, sent ${times} more times after the first (not counted)\n${measured}\nin order (ms): ${durations.join(', ')}`);
  const others = statuses.filter((status) => status !== firstStatus).length;
  if (others) this.fail(`Expected ${request}, sent ${times} times more, to answer ${firstStatus} each time as it did before, but ${others} of the ${times} answers were not ${firstStatus} (${statusTally(statuses)})`, 'wrong-status');
  if (timings.atPercentile > limit) this.fail(`Expected the ${ordinal(percentile)} percentile of the response times of ${request}, sent ${times} times, to be within ${limit} ms, but it is ${timings.atPercentile} ms (${measured})`);
});
