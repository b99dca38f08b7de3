using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Proofs;

/// <summary>The listener revokes a proof: from the next check on, it answers valid: false. Another listener's proof is 404.</summary>
public static class RevokeProof
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, Guid ProofId) : ICommand;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var proof = await db.GivingProofs.SingleOrDefaultAsync(p => p.Id == command.ProofId && p.ListenerId == command.ListenerId, cancellationToken)
                ?? throw new NotFoundException("Proof", command.ProofId.ToString());
            proof.Revoke(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
