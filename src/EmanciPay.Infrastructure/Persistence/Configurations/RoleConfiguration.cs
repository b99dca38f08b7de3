using EmanciPay.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

/// <summary>The roles exist on every database through the migrations, with fixed ids and stamps so the model is stable.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(role => new IdentityRole(role)
        {
            Id = $"role-{role.ToLowerInvariant()}",
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = $"stamp-{role.ToLowerInvariant()}",
        }));
}
