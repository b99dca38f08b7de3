using EmanciPay.Application.Features.Record;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>Deletes an Identity user through the command's own context and transaction; the database's cascades take what hangs off it.</summary>
internal sealed class AccountErasure(AppDbContext db) : IAccountErasure
{
    public Task EraseUserAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);
}
