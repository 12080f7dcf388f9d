// A synthetic marketing newsletter, shaped like the ones ESPs send (nested layout tables, inline
// styles on every cell, tracked links, retina images, a <style> block with media queries, a
// tracking pixel). The public corpus has no modern newsletter over 40 KB, and timing needs one of
// realistic size: `syntheticNewsletter(n)` repeats the article block n times (≈ 2.1 KB each).

const HEAD = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Weekly digest</title>
<style type="text/css">
  body,#bodyTable,#bodyCell{height:100% !important;margin:0;padding:0;width:100% !important;}
  table{border-collapse:collapse;} img,a img{border:0;outline:none;text-decoration:none;}
  h1,h2,h3{margin:0;padding:0;} p{margin:1em 0;padding:0;} a{word-wrap:break-word;}
  .ReadMsgBody{width:100%;} .ExternalClass{width:100%;} .ExternalClass *{line-height:100%;}
  #outlook a{padding:0;} .mcnPreviewText{display:none !important;}
  @media only screen and (max-width: 480px){
    body,table,td,p,a,li,blockquote{-webkit-text-size-adjust:none !important;}
    .mcnImage{width:100% !important;} .columnContainer{max-width:100% !important;width:100% !important;}
    .mcnTextContent,.mcnBoxedTextContentColumn{padding-right:18px !important;padding-left:18px !important;}
  }
</style></head>
<body leftmargin="0" marginwidth="0" topmargin="0" marginheight="0" offset="0" style="height:100%;margin:0;padding:0;width:100%;background-color:#FAFAFA;">
<span class="mcnPreviewText" style="display:none;font-size:0px;line-height:0px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;visibility:hidden;">This week: news, offers and more</span>
<center><table align="center" border="0" cellpadding="0" cellspacing="0" height="100%" width="100%" id="bodyTable" style="border-collapse:collapse;height:100%;margin:0;padding:0;width:100%;background-color:#FAFAFA;">
<tr><td align="center" valign="top" id="bodyCell" style="height:100%;margin:0;padding:10px;width:100%;border-top:0;">
<table border="0" cellpadding="0" cellspacing="0" width="100%" class="templateContainer" style="border-collapse:collapse;border:0;max-width:600px !important;">`;

const ARTICLE = (i: number) => `
<tr><td valign="top" id="templateBody${i}" style="background:#FFFFFF none no-repeat center/cover;background-color:#FFFFFF;background-image:none;border-top:0;border-bottom:2px solid #EAEAEA;padding-top:0;padding-bottom:9px;">
<table border="0" cellpadding="0" cellspacing="0" width="100%" class="mcnImageBlock" style="min-width:100%;border-collapse:collapse;"><tbody class="mcnImageBlockOuter"><tr>
<td valign="top" style="padding:9px;" class="mcnImageBlockInner"><table align="left" width="100%" border="0" cellpadding="0" cellspacing="0" class="mcnImageContentContainer" style="min-width:100%;border-collapse:collapse;"><tbody><tr>
<td class="mcnImageContent" valign="top" style="padding-right:9px;padding-left:9px;padding-top:0;padding-bottom:0;text-align:center;">
<a href="https://click.example-esp.com/ls/click?upn=u001.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-${i}&amp;utm_source=newsletter&amp;utm_medium=email" title="" class="" target="_blank">
<img align="center" alt="Article ${i}" src="https://cdn.example-esp.com/images/article-${i}.jpg" srcset="https://cdn.example-esp.com/images/article-${i}@2x.jpg 2x" width="564" style="max-width:1200px;padding-bottom:0;display:inline !important;vertical-align:bottom;border:0;height:auto;outline:none;text-decoration:none;" class="mcnImage"></a>
</td></tr></tbody></table></td></tr></tbody></table>
<table border="0" cellpadding="0" cellspacing="0" width="100%" class="mcnTextBlock" style="min-width:100%;border-collapse:collapse;"><tbody class="mcnTextBlockOuter"><tr><td valign="top" class="mcnTextBlockInner" style="padding-top:9px;">
<table align="left" border="0" cellpadding="0" cellspacing="0" style="max-width:100%;min-width:100%;border-collapse:collapse;" width="100%" class="mcnTextContentContainer"><tbody><tr>
<td valign="top" class="mcnTextContent" style="padding-top:0;padding-right:18px;padding-bottom:9px;padding-left:18px;color:#202020;font-family:Helvetica, Arial, sans-serif;font-size:16px;line-height:150%;text-align:left;">
<h2 style="display:block;margin:0;padding:0;color:#202020;font-family:Helvetica;font-size:22px;font-style:normal;font-weight:bold;line-height:125%;letter-spacing:normal;">Headline number ${i}: something happened</h2>
<p style="margin:10px 0;padding:0;color:#202020;font-family:Helvetica;font-size:16px;line-height:150%;">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud <strong>exercitation</strong> ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
<a href="https://click.example-esp.com/ls/click?upn=u001.ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210-${i}" style="font-weight:bold;letter-spacing:normal;line-height:100%;text-align:center;text-decoration:none;color:#FFFFFF;background-color:#2BAADF;padding:12px 18px;border-radius:3px;display:inline-block;" target="_blank">Read more &rarr;</a>
</td></tr></tbody></table></td></tr></tbody></table></td></tr>`;

const TAIL = `
</table></td></tr></table></center>
<img src="https://open.example-esp.com/track/open.php?u=123456&amp;id=abcdef&amp;e=victim" height="1" width="1" alt="" style="display:block;border:0;">
</body></html>`;

export function syntheticNewsletter(articles: number): string {
  let out = HEAD;
  for (let i = 0; i < articles; i++) out += ARTICLE(i);
  return out + TAIL;
}
