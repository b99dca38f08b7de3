using System.Reflection;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// Lets a message through only when its sender is one the message declares with <see cref="AllowedForAttribute"/>, so
/// a page, an API call and a job are held to the same rule. It runs before validation, so nobody learns how a message
/// they may not send is checked. A refusal is 404 when the message is for a pledge's owner (whether a pledge that is
/// not yours exists is not given away), 401 when the caller is anonymous and some signed-in person could send it, and
/// 403 otherwise (the wrong role, staff without a second factor, the system sending what only people may).
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(
    ICurrentUser user,
    IAppDbContext db,
    IPledgeCancelTokens cancelTokens,
    IStationManagers stationManagers)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly IReadOnlyList<Sender>? Allowed = typeof(TMessage).GetCustomAttribute<AllowedForAttribute>()?.Senders;

    private static readonly string MessageName = typeof(TMessage).DeclaringType is { } feature ? $"{feature.Name}.{typeof(TMessage).Name}" : typeof(TMessage).Name;

    private bool IsSignedIn => !user.IsSystem && user.UserId is not null;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var allowed = Allowed ?? throw new InvalidOperationException($"{MessageName} does not declare who may send it: add [AllowedFor(...)].");
        foreach (var sender in allowed)
        {
            if (await IsAsync(sender, message, cancellationToken))
            {
                return await next(message, cancellationToken);
            }
        }

        throw Refusal(allowed, message);
    }

    private async ValueTask<bool> IsAsync(Sender sender, TMessage message, CancellationToken cancellationToken) => sender switch
    {
        Sender.Anonymous => true,
        Sender.System => user.IsSystem,
        Sender.Listener => IsSignedIn && user.IsInRole(Roles.Listener),
        Sender.SignedIn => IsSignedIn,
        Sender.Finance => IsSignedIn && user.IsInRole(Roles.Finance) && user.SignedInWithTwoFactor,
        Sender.Admin => IsSignedIn && user.IsInRole(Roles.Admin) && user.SignedInWithTwoFactor,
        Sender.PledgeOwner => await OwnsPledgeAsync(Declared<IPledgeMessage>(sender, message), cancellationToken),
        Sender.StationManager => IsSignedIn && user.IsInRole(Roles.StationManager)
            && await stationManagers.ManagesAsync(user.UserId!, Declared<IStationMessage>(sender, message).StationId, cancellationToken),
        _ => false,
    };

    private async Task<bool> OwnsPledgeAsync(IPledgeMessage message, CancellationToken cancellationToken)
    {
        var pledge = await db.Pledges.AsNoTracking()
            .Where(p => p.Id == message.PledgeId)
            .Select(p => new { p.ListenerId })
            .SingleOrDefaultAsync(cancellationToken);
        return pledge is not null && (
            (pledge.ListenerId is null && message is IGuestPledgeMessage)
            || (IsSignedIn && pledge.ListenerId == user.UserId)
            || (message is IPledgeCancelLinkMessage { Token: { Length: > 0 } token } && cancelTokens.Verify(message.PledgeId, token)));
    }

    private Exception Refusal(IReadOnlyList<Sender> allowed, TMessage message)
    {
        if (allowed.Contains(Sender.PledgeOwner) && message is IPledgeMessage pledge)
        {
            return new NotFoundException("Pledge", pledge.PledgeId.ToString());
        }

        return !IsSignedIn && !user.IsSystem && allowed.Any(s => s != Sender.System)
            ? new SignInRequiredException(MessageName)
            : new AccessDeniedException(MessageName);
    }

    private static T Declared<T>(Sender sender, TMessage message) => message is T declared
        ? declared
        : throw new InvalidOperationException($"{MessageName} is allowed for {sender}, so it must implement {typeof(T).Name}.");
}
