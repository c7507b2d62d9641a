using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Validation;
using Scalar.AspNetCore;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Data;
using Ziggie.Backend.Gateway;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Orchestration;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Security;
using Ziggie.Backend.Shared;
using Ziggie.Backend.SystemInfo;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Api;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InstanceIdentity>();
        builder.Services.AddSingleton(TimeProvider.System);

        // The old backend spoke snake_case; existing callers keep working.
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            ValidationProblems.Customize(context);
            SignInProblems.Customize(context);
            KeyScope.Customize(context);
            RoleRefusals.Customize(context);
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddValidation();
        builder.Services.PostConfigure<ValidationOptions>(CachedValidationInfo.WrapResolvers);
        builder.Services.AddOpenApi();
        builder.AddRedactedRequestLog();

        builder.AddOllama();
        builder.AddGateway();
        builder.AddMongoDatabase();
        builder.AddZiggieAuth();
        builder.AddSharedState();
        builder.AddZiggieSecurity();
        builder.AddZiggieQuotas();
        builder.Services.AddSingleton<GenerationRecorder>();
        builder.Services.AddSingleton<ChatHistory>();
        builder.AddSystemInfo();
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseZiggieForwardedHeaders();
        app.UseInstanceHeaderOnEveryResponse();
        app.UseRedactedRequestLog();
        app.UseZiggieSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWebSockets();

        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }
}
