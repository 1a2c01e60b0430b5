import { type ServiceSink } from './service-url.js';
import { type Fail } from './report-issue.js';
export declare function expandUrlSink(entry: Record<string, unknown>, base: (string | number)[], missing: {
    name: string;
    path: (string | number)[];
}[], tolerateMissing: boolean, fail: Fail): ServiceSink | 'unset' | undefined;
