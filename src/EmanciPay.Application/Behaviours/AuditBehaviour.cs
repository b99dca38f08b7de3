using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EmanciPay.Application.Common;
using Mediator;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// Records every command that finance or admin staff send (a command open to <see cref="Sender.Finance"/> or
/// <see cref="Sender.Admin"/>, sent by someone in that role) in the audit log: who, what, when, and the values before
/// and after of each row it saved. The record is added to the command's own unit of work, so it commits with the
/// action or not at all; a retried command records its last attempt only. Reads are not recorded.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(ICurrentUser user, IChangeLog changeLog, IAppDbContext db, IUserAccounts accounts, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private static readonly string[] StaffRoles = [Roles.Finance, Roles.Admin];

    private static readonly IReadOnlyList<string> AuditedRoles = (typeof(TMessage).GetCustomAttribute<AllowedForAttribute>()?.Senders ?? [])
        .Select(s => s switch { Sender.Finance => Roles.Finance, Sender.Admin => Roles.Admin, _ => null })
        .OfType<string>()
        .ToArray();

    private static readonly string Action = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var roles = user.IsSystem || user.UserId is null ? [] : AuditedRoles.Where(user.IsInRole).ToArray();
        if (roles.Length == 0)
        {
            return await next(message, cancellationToken);
        }

        using var recording = changeLog.Record();
        var response = await next(message, cancellationToken);
        var changes = recording.Capture();
        var userId = user.UserId!;
        var email = (await accounts.EmailsAsync([userId], cancellationToken)).GetValueOrDefault(userId);
        db.AuditRecords.Add(AuditRecord.Of(
            clock.GetUtcNow(),
            userId,
            email,
            StaffRoles.Where(user.IsInRole),
            Action,
            Input(message),
            JsonSerializer.Serialize(changes, Json)));
        return response;
    }

    private static string Input(TMessage message)
    {
        var fields = JsonSerializer.SerializeToNode(message, message.GetType(), Json) as JsonObject ?? [];
        foreach (var name in fields.Select(f => f.Key).Where(AuditRedaction.IsSecret).ToList())
        {
            fields.Remove(name);
        }

        return fields.ToJsonString(Json);
    }
}
