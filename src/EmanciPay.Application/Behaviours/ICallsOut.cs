using Mediator;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// A command whose handler calls a remote service (Stripe), and so must not run inside one transaction: no
/// connection or row lock may be held across the call. The handler commits what must be durable before the call
/// with <see cref="Common.IUnitOfWork.CommitAsync"/>; the pipeline commits what it leaves tracked afterwards (with
/// the idempotent response, if any) in a second short transaction.
/// </summary>
public interface ICallsOut : IBaseCommand;
