using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// Idempotency keys for every command that carries one, inside the transaction behaviour. The first request claims
/// its key in the command's first commit and stores its response in the last: within one transaction for an ordinary
/// command (a racing duplicate waits at the key's unique index, is run again and replays), across the call for one
/// that calls out (<see cref="ICallsOut"/>), where a duplicate meanwhile gets 409. A retry with the same key and body
/// gets the stored response; another body gets 422. If the handler fails, the key is released, so a retry runs anew;
/// unless the database itself failed (locked, full): the release would wait on the same fault, and a claim that was
/// committed is taken over by a retry once its hold has passed.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(IAppDbContext db, IUnitOfWork unitOfWork, IDatabaseErrors databaseErrors, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IIdempotentCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Most keys are new, so the first attempt claims without looking (one query fewer per command); a key already taken
    // fails its insert on the unique index, the transaction behaviour runs the command again, and that attempt looks.
    private readonly HashSet<string> claimedWithoutLooking = [];

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var key = $"{message.IdempotencyScope}:{message.IdempotencyKey}";
        var hash = RequestHash(message);
        var now = clock.GetUtcNow();
        var claim = claimedWithoutLooking.Add(key) ? null : await db.IdempotentRequests.SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (claim is null)
        {
            claim = IdempotentRequest.Claim(key, hash, now);
            db.IdempotentRequests.Add(claim);
        }
        else if (claim.RequestHash != hash)
        {
            throw new IdempotencyKeyReusedException(message.IdempotencyKey);
        }
        else if (claim.ResponseJson is { } response)
        {
            return JsonSerializer.Deserialize<TResponse>(response, Json)!;
        }
        else if (claim.HeldUntil > now)
        {
            throw new IdempotencyKeyInUseException(message.IdempotencyKey);
        }
        else
        {
            // The attempt that held the key died mid-call; the attempt id is a concurrency token, so one retry wins.
            claim.TakeOver(now);
        }

        try
        {
            var response = await next(message, cancellationToken);
            claim.Complete(JsonSerializer.Serialize(response, Json), clock.GetUtcNow());
            return response;
        }
        catch (Exception exception) when (!unitOfWork.InTransaction && databaseErrors.Unavailable(exception) is null)
        {
            // A handler that calls out has committed the claim; in a transaction, the rollback releases it instead.
            await db.IdempotentRequests.Where(r => r.Key == key && r.AttemptId == claim.AttemptId).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    private static string RequestHash(TMessage message)
    {
        var body = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        body.Remove(Json.PropertyNamingPolicy!.ConvertName(nameof(IIdempotentCommand.IdempotencyKey)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));
    }
}
