using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Infrastructure.Identity;

public sealed class AppUser : IdentityUser;
