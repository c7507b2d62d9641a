using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Ziggie.Backend.Auth;

public static class AuthRegistration
{
    /// <summary>Bearer tokens checked by signature, issuer, audience and lifetime only (no database round trip), and the role policies.</summary>
    public static IHostApplicationBuilder AddZiggieAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<IPasswordHasher<UserDocument>, PasswordHasher<UserDocument>>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ActiveUsers>();
        builder.Services.AddHostedService<AdminBootstrap>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = TokenService.KeyFrom(jwt.Value),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RoleClaimType = CurrentUser.RoleClaim,
                    NameClaimType = "unique_name",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                bearer.Events = new JwtBearerEvents { OnTokenValidated = RefuseInactiveUsersAsync, OnChallenge = SignInProblems.RecordReason };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Writer, policy => policy.RequireRole(Roles.Admin, Roles.User))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));

        return builder;
    }

    private static async Task RefuseInactiveUsersAsync(TokenValidatedContext context)
    {
        var reason = CurrentUser.From(context.Principal!) is { } user
            ? await context.HttpContext.RequestServices.GetRequiredService<ActiveUsers>().WhyRefusedAsync(user.Id, context.HttpContext.RequestAborted)
            : "the token names no user";
        if (reason is not null)
        {
            context.Fail(new AccountRefusedException($"The token is signed, but {reason}."));
        }
    }
}
