using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Gateway.OpenAi;

namespace Ziggie.Backend.Gateway;

/// <summary>
/// Renders every ProblemDetails produced under a door in that door's own error shape: Ollama's
/// <c>{"error":"..."}</c> under <c>/ollama</c>, OpenAI's <c>{"error":{"message","type","param","code"}}</c> under
/// <c>/v1</c>. Those clients parse only their own shape, so a 401 from the bearer challenge, a 429 from the rate
/// limiter or a 504 from the relay would otherwise reach their users as "unknown error". Status and headers
/// (Retry-After, WWW-Authenticate) stay as the producer set them; only the body changes.
/// </summary>
public sealed class DoorProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => GatewayDoors.Of(context.HttpContext.Request.Path) != GatewayDoor.None;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        // The default writer applies the customizations (the sign-in reason, the validation wording); so must this one.
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        var message = Message(http, problem, status);

        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        if (GatewayDoors.Of(http.Request.Path) == GatewayDoor.Ollama)
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        }
        else
        {
            OpenAiError.Write(json, OpenAiError.For(status, problem, http), message);
        }

        await json.FlushAsync(http.RequestAborted);
    }

    private static string Message(HttpContext http, ProblemDetails problem, int status) => problem.Detail ?? status switch
    {
        StatusCodes.Status403Forbidden =>
            "Your account may not do this: readonly accounts never generate, and pulling, deleting and copying models is for admins. Ask an admin to change your role.",
        StatusCodes.Status404NotFound =>
            $"Ziggie has no route {http.Request.Method} {http.Request.Path}. The routes of each door are listed in Ziggie's docs/gateway.md.",
        _ => problem.Title ?? ReasonPhrases.GetReasonPhrase(status),
    };
}
