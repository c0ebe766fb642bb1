"""Alert: the decide stage (exposed subscribers, score and decision from the core, the alert
published and recorded) and the deliver stage (named steps, one module per channel kind,
digests, endpoint guards), with each subscriber's alert history."""
