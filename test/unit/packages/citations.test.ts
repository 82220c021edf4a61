// The legal basis an element names, resolved to the article text of the package.
import { describe, expect, it } from 'vitest';
import { articleKey, findArticle, isArticleNo, parseCitations, resolveCitation } from '../../../server/packages/citations';
import type { Articles } from '../../../server/packages';

const articles: Articles = {
  documents: [
    { id: '海南办法', title: '海南省高级人民法院执行督办工作办法', articles: [{ no: '第四条', text: '四' }, { no: '第十二条', text: '十二' }, { no: '第十条之一', text: '十之一' }] },
    { id: '暂行规定', title: '关于执行督办的暂行规定', docNo: '琼高法〔2020〕9号', articles: [{ no: '第4条', text: '规定四' }] },
  ],
};
const docs = articles.documents;

describe('citations', () => {
  it('reads article numbers however they are written', () => {
    expect(articleKey('第四条')).toBe('4');
    expect(articleKey('第4条')).toBe('4');
    expect(articleKey('4')).toBe('4');
    expect(articleKey('第十二条')).toBe('12');
    expect(articleKey('第十条之一')).toBe('10-1');
    expect(articleKey('第条')).toBeUndefined();
  });

  it('resolves the document named before each article, else the previous one, else the first', () => {
    const cs = parseCitations('海南办法 第四条、第十二条；暂行规定 第四条第二款', docs);
    expect(cs.map((c) => [c.document, c.no, c.clause])).toEqual([
      ['海南办法', '第四条', undefined], ['海南办法', '第十二条', undefined], ['暂行规定', '第四条', '第二款'],
    ]);
    expect(resolveCitation(articles, cs[2])).toMatchObject({ document: { id: '暂行规定', docNo: '琼高法〔2020〕9号' }, text: '规定四', clause: '第二款' });
    expect(parseCitations('第十条之一', docs)[0]).toMatchObject({ document: '海南办法', no: '第十条之一' });
    expect(parseCitations('《海南省高级人民法院执行督办工作办法》第12条', docs)[0].document).toBe('海南办法');
    expect(parseCitations('审查期限', docs)).toEqual([]);
    const nested = [{ id: '暂行规定', title: 'A' }, { id: '海南暂行规定', title: 'B' }];
    expect(parseCitations('海南暂行规定 第四条', nested)[0].document).toBe('海南暂行规定');
  });

  it('finds an article by number, in one document or in any', () => {
    expect(findArticle(articles, '第12条')!.text).toBe('十二');
    expect(findArticle(articles, '4', '暂行规定')!.text).toBe('规定四');
    expect(findArticle(articles, '第九十九条')).toBeUndefined();
  });

  describe('the outline numbers of an 意见 / 方案', () => {
    const opinion: Articles = {
      documents: [{ id: '山东意见', title: '山东省高级人民法院关于进一步推进全省法院基本解决执行难工作的意见', articles: [
        { no: '一.2', text: '一点二（1）……（2）评估' }, { no: '一.3', text: '一点三' }, { no: '二（三）1.', text: '二三一' }, { no: '三', text: '三' },
      ] }],
    };

    it('reads them however they are written, and accepts them in articles.json', () => {
      expect(articleKey('一.2(2)')).toBe('一.2(2)');
      expect(articleKey('一、2.（2）')).toBe('一.2(2)');
      expect(articleKey('二（三）1.')).toBe('二.(三)1');
      expect(articleKey('二.(三)01')).toBe('二.(三)1');
      expect(articleKey('三、')).toBe('三');
      expect(articleKey('第三条')).toBe('3');
      expect(isArticleNo('一.2(2)')).toBe(true);
      expect(isArticleNo('第十条之一')).toBe(true);
      expect(isArticleNo('序言')).toBe(false);
      expect(isArticleNo('1.')).toBe(false);
    });

    it('finds them in running text only with the dot after the section', () => {
      const cs = parseCitations('山东意见 一.2(2)、一.3；二.(三)1', opinion.documents);
      expect(cs.map((c) => [c.document, c.no])).toEqual([['山东意见', '一.2(2)'], ['山东意见', '一.3'], ['山东意见', '二.(三)1']]);
      expect(parseCitations('（一）无法定事由；二、三项', opinion.documents)).toEqual([]);
      expect(parseCitations('见第三条（一）', docs).map((c) => c.no)).toEqual(['第三条']);
    });

    it('resolves an item the file keeps whole, the rest becoming the clause', () => {
      expect(findArticle(opinion, '一.2(2)')).toMatchObject({ no: '一.2', clause: '(2)', text: '一点二（1）……（2）评估' });
      expect(findArticle(opinion, '二.(三)1')).toMatchObject({ no: '二（三）1.', text: '二三一' });
      expect(findArticle(opinion, '三.(三)')).toMatchObject({ no: '三', clause: '(三)' });
      expect(findArticle(opinion, '四.1')).toBeUndefined();
      const [c] = parseCitations('山东意见 一.2(2)', opinion.documents);
      expect(resolveCitation(opinion, c)).toMatchObject({ no: '一.2', clause: '(2)' });
    });
  });
});

