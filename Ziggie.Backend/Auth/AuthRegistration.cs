using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Ziggie.Backend.Auth.Keys;

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
        builder.Services.AddSingleton<CachedTokenHandler>();
        builder.Services.AddHostedService<AdminBootstrap>();

        builder.Services.AddSingleton<ApiKeyValidator>();
        builder.Services.AddSingleton<IAuthorizationHandler, Access.Handler>();

        // JwtBearer is the default scheme and hands an API key (Bearer zk_…) on to the key handler: every
        // RequireAuthorization accepts both, and Access (with KeyScope) keeps keys on the LLM routes. The forward is
        // JwtBearer's own, not a policy scheme in front of both: that cost every JWT request a second handler and a
        // second pass through the authentication service (Ziggie.Bench).
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, CachedTokenHandler>((bearer, jwt, tokens) =>
            {
                bearer.ForwardDefaultSelector = context => ApiKeyHandler.CarriesKey(context.Request) ? ApiKeyHandler.SchemeName : null;
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(tokens);
                bearer.MapInboundClaims = false; // after the handler is in: the setter passes it on to the handlers present
                bearer.SaveToken = false; // nothing reads the token back from the ticket; keeping it costs every request a dictionary
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
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = tokens.UseRememberedToken,
                    OnTokenValidated = RefuseInactiveUsersAsync,
                    OnChallenge = SignInProblems.RecordReason,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.AddRequirements(new Access()))
            .AddPolicy(Policies.Writer, policy => policy.AddRequirements(new Access(Roles.Admin, Roles.User)))
            .AddPolicy(Policies.Admin, policy => policy.AddRequirements(new Access(Roles.Admin)));

        return builder;
    }

    private static async Task RefuseInactiveUsersAsync(TokenValidatedContext context)
    {
        var reason = context.HttpContext.CallerIn(context.Principal!) is { } user
            ? await context.HttpContext.RequestServices.GetRequiredService<ActiveUsers>().WhyRefusedAsync(user.Id, context.HttpContext.RequestAborted)
            : "the token names no user";
        if (reason is not null)
        {
            context.Fail(new AccountRefusedException($"The token is signed, but {reason}."));
        }
    }
}
