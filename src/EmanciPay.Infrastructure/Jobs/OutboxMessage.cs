using System.Text.Json;
using Mediator;

namespace EmanciPay.Infrastructure.Jobs;

/// <summary>
/// A job written in the same transaction as the changes that call for it: the command's type and its ids as JSON. The
/// dispatcher hands it to Hangfire and marks it dispatched; one that cannot be handed over waits longer after each
/// failed attempt, with its reason, and never holds up the messages behind it.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxTypeLength = 300;

    public const int MaxErrorLength = 1000;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private OutboxMessage(Guid id, string type, string payload, DateTimeOffset createdAt)
    {
        Id = id;
        Type = type;
        Payload = payload;
        CreatedAt = createdAt;
        DueAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The command's type, with its assembly's name.</summary>
    public string Type { get; private set; }

    /// <summary>The command as JSON: ids only.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? DispatchedAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public static OutboxMessage For(ICommand command, DateTimeOffset now)
    {
        var type = command.GetType();
        return new OutboxMessage(Guid.CreateVersion7(now), $"{type.FullName}, {type.Assembly.GetName().Name}", JsonSerializer.Serialize(command, type), now);
    }

    /// <summary>The command again, as it was written.</summary>
    public ICommand ReadCommand()
    {
        var type = System.Type.GetType(Type, throwOnError: true)!;
        return JsonSerializer.Deserialize(Payload, type) as ICommand ?? throw new InvalidOperationException($"{Type} is not a command.");
    }

    public void MarkDispatched(DateTimeOffset at) => DispatchedAt ??= at;

    /// <summary>Backs off exponentially (2, 4, 8... seconds, at most an hour).</summary>
    public void RecordFailedAttempt(DateTimeOffset at, Exception exception)
    {
        Attempts++;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(Attempts, 12)));
        DueAt = at + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
    }
}
