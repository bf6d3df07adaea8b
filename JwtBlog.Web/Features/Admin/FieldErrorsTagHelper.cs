using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin;

// <field-errors for="Input.X" />: every error of the field as a list next to it (asp-validation-for shows only the first).
[HtmlTargetElement("field-errors", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorsTagHelper(HtmlEncoder encoder, IStringLocalizer<AdminText> texts) : TagHelper
{
    [HtmlAttributeName("for")]
    public required ModelExpression For { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "ul";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error field-errors");
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(name, "_") + "-errors");
        output.Attributes.SetAttribute("data-valmsg-for", name);
        foreach (var error in entry.Errors)
        {
            var message = string.IsNullOrEmpty(error.ErrorMessage) ? texts["Form.InvalidValue"] : error.ErrorMessage;
            output.Content.AppendHtml($"<li>{encoder.Encode(message)}</li>");
        }
    }
}
