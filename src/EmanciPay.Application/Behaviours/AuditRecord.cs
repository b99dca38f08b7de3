namespace EmanciPay.Application.Behaviours;

/// <summary>
/// One finance or admin action, as <see cref="AuditBehaviour{TMessage, TResponse}"/> recorded it in the action's own
/// transaction: who (user id, and address at the time), what (the command and its fields), when, and what it changed,
/// each changed row's values before and after. Never changed or deleted once written; secrets are left out
/// (<see cref="AuditRedaction"/>).
/// </summary>
public sealed class AuditRecord
{
    public const int MaxActionLength = 200;
    public const int MaxUserIdLength = 450;
    public const int MaxEmailLength = 256;
    public const int MaxRolesLength = 100;

    private AuditRecord(Guid id, DateTimeOffset at, string userId, string? userEmail, string roles, string action, string input, string changes)
    {
        Id = id;
        At = at;
        UserId = userId;
        UserEmail = userEmail;
        Roles = roles;
        Action = action;
        Input = input;
        Changes = changes;
    }

    /// <summary>A version-7 id: ids sort by time, which keyset paging relies on.</summary>
    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string UserId { get; private set; }

    /// <summary>Lower-case, so that a filter finds it whatever case it is typed in.</summary>
    public string? UserEmail { get; private set; }

    /// <summary>The staff roles the user acted with: "Finance", "Admin" or both.</summary>
    public string Roles { get; private set; }

    /// <summary>The command, such as "ApprovePayout".</summary>
    public string Action { get; private set; }

    /// <summary>The command's fields as JSON, secrets left out.</summary>
    public string Input { get; private set; }

    /// <summary>What the command saved, as a JSON array of { entity, key, state, before, after }.</summary>
    public string Changes { get; private set; }

    public static AuditRecord Of(DateTimeOffset at, string userId, string? userEmail, IEnumerable<string> roles, string action, string input, string changes) =>
        new(Guid.CreateVersion7(at), at, userId, userEmail?.ToLowerInvariant(), string.Join(", ", roles), action, input, changes);
}
