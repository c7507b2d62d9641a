using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Data;

namespace Ziggie.Backend.Auth;

/// <summary>
/// Creates the first admin from the AppHost's <c>admin-password</c> parameter when no user has that
/// name. There is no default password in code (the old admin/admin123 is gone). An existing admin
/// keeps the password it has: changing the parameter later does not reset it.
/// MongoDB may be down at start; the bootstrap then tries again until it succeeds.
/// </summary>
public sealed class AdminBootstrap(
    IUserStore users, IPasswordHasher<UserDocument> hasher, IOptions<AdminOptions> options, TimeProvider time, ILogger<AdminBootstrap> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        MongoRetry.UntilDoneAsync("create the first admin", EnsureAdminAsync, logger, time, stoppingToken);

    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (await users.FindByUsernameAsync(admin.Username, cancellationToken) is not null)
        {
            return;
        }

        var user = new UserDocument { Username = UserDocument.Normalize(admin.Username), Role = Roles.Admin, PasswordHash = "" };
        try
        {
            await users.CreateAsync(user with { PasswordHash = hasher.HashPassword(user, admin.Password) }, cancellationToken);
            logger.LogInformation("Created the first admin '{Username}' with the password of the AppHost parameter admin-password", user.Username);
        }
        catch (DuplicateUsernameException)
        {
            // Another replica created it first.
        }
    }
}
