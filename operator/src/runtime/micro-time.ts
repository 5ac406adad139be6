/**
 * metav1.MicroTime on the wire: RFC 3339 with exactly six fractional digits. kube-apiserver parses
 * it with the layout `2006-01-02T15:04:05.000000Z07:00` and refuses the three digits
 * Date#toISOString gives (`cannot parse ".103Z" as ".000000"`), so a Lease or an Event stamped
 * with a plain Date is a 400 on a real cluster. Date carries milliseconds: the last three are 0.
 */
export const microTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');
