namespace EmanciPay.Application.Common;

/// <summary>
/// A message sent on a timer whether or not there is work (a worker's poll): its success is logged at Debug, so an
/// idle node's log stays quiet; a failure is still a warning.
/// </summary>
public interface IRoutinePoll;
