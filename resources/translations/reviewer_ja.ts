<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AnnotationClasses</name>
    <message>
        <source>Tumour</source>
        <translation>腫瘍</translation>
    </message>
    <message>
        <source>Stroma</source>
        <translation>間質</translation>
    </message>
    <message>
        <source>Necrosis</source>
        <translation>壊死</translation>
    </message>
    <message>
        <source>Lymphovascular invasion</source>
        <translation>脈管侵襲</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>断端</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>AnnotationErrors</name>
    <message>
        <source>The annotation classes file {name} cannot be read ({exc})</source>
        <translation>アノテーション分類ファイル {name} を読み込めません（{exc}）</translation>
    </message>
    <message>
        <source>GeoJSON feature {index}: {message}</source>
        <translation>GeoJSON フィーチャー {index}: {message}</translation>
    </message>
    <message>
        <source>{name} is {value} MB; the limit for an annotation file is {value2} MB</source>
        <translation>{name} は {value} MB です。アノテーションファイルの上限は {value2} MB です</translation>
    </message>
    <message>
        <source>the GeoJSON text is larger than {value} MB</source>
        <translation>GeoJSON テキストが {value} MB を超えています</translation>
    </message>
    <message>
        <source>the GeoJSON is nested too deeply to be geometry</source>
        <translation>GeoJSON の入れ子が深すぎるため、形状として扱えません</translation>
    </message>
    <message>
        <source>the file is not valid JSON ({exc})</source>
        <translation>ファイルが有効な JSON ではありません（{exc}）</translation>
    </message>
    <message>
        <source>the FeatureCollection has no list of features</source>
        <translation>FeatureCollection にフィーチャーの一覧がありません</translation>
    </message>
    <message>
        <source>expected a FeatureCollection, a Feature or a list of Features</source>
        <translation>FeatureCollection、Feature、または Feature の一覧である必要があります</translation>
    </message>
    <message>
        <source>{features_count} features; at most {max_features} can be imported at once</source>
        <translation>フィーチャーが {features_count} 件あります。一度に取り込めるのは最大 {max_features} 件です</translation>
    </message>
    <message>
        <source>classification colour must be [r, g, b] integers 0-255 or a packed integer</source>
        <translation>分類の色は 0〜255 の整数 [r, g, b] またはパックされた整数で指定してください</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>オブジェクトではありません</translation>
    </message>
    <message>
        <source>has type {type!r}, expected &apos;Feature&apos;</source>
        <translation>type が {type!r} です（&apos;Feature&apos; である必要があります）</translation>
    </message>
    <message>
        <source>properties must be an object</source>
        <translation>properties はオブジェクトである必要があります</translation>
    </message>
    <message>
        <source>isLocked must be true or false</source>
        <translation>isLocked は true または false である必要があります</translation>
    </message>
    <message>
        <source>classification must be an object with a name</source>
        <translation>classification は name を持つオブジェクトである必要があります</translation>
    </message>
    <message>
        <source>has no geometry object</source>
        <translation>geometry オブジェクトがありません</translation>
    </message>
    <message>
        <source>geometry type {kind!r} is not supported (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon are)</source>
        <translation>形状タイプ {kind!r} には対応していません（対応: Point、MultiPoint、LineString、MultiLineString、Polygon、MultiPolygon）</translation>
    </message>
    <message>
        <source>coordinates must be a non-empty list</source>
        <translation>coordinates は空でない一覧である必要があります</translation>
    </message>
    <message>
        <source>a polygon ring needs at least 3 positions (4 with the closing one)</source>
        <translation>多角形のリングには少なくとも 3 点（閉じる点を含めて 4 点）が必要です</translation>
    </message>
    <message>
        <source>coordinates must be a non-empty list of [x, y] positions</source>
        <translation>coordinates は [x, y] 座標の空でない一覧である必要があります</translation>
    </message>
    <message>
        <source>{coords_count} vertices; at most {max_feature_vertices} per shape</source>
        <translation>頂点が {coords_count} 個あります。1 図形あたり最大 {max_feature_vertices} 個です</translation>
    </message>
    <message>
        <source>more than {max_total_vertices} vertices in the file</source>
        <translation>ファイル内の頂点が {max_total_vertices} 個を超えています</translation>
    </message>
    <message>
        <source>a position must be [x, y] numbers, got {position}</source>
        <translation>座標は数値の [x, y] である必要があります（実際: {position}）</translation>
    </message>
    <message>
        <source>coordinates must be finite numbers (no NaN or Infinity)</source>
        <translation>座標は有限の数値である必要があります（NaN や Infinity は不可）</translation>
    </message>
    <message>
        <source>coordinates beyond {max_coordinate:.0e} pixels are not plausible</source>
        <translation>{max_coordinate:.0e} ピクセルを超える座標は妥当ではありません</translation>
    </message>
    <message>
        <source>{key} must be text</source>
        <translation>{key} は文字列である必要があります</translation>
    </message>
    <message>
        <source>a line needs at least 2 positions</source>
        <translation>線には少なくとも 2 点が必要です</translation>
    </message>
    <message>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>line</source>
        <translation>線</translation>
    </message>
    <message>
        <source>polyline</source>
        <translation>折れ線</translation>
    </message>
    <message>
        <source>rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>ellipse</source>
        <translation>楕円</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>多角形</translation>
    </message>
    <message>
        <source>freehand</source>
        <translation>フリーハンド図形</translation>
    </message>
    <message>
        <source>arrow</source>
        <translation>矢印</translation>
    </message>
    <message>
        <source>angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <source>{what}: coordinates must be numbers</source>
        <translation>{what}: 座標は数値である必要があります</translation>
    </message>
    <message>
        <source>{what}: expected a list of (x, y) pairs, got shape {shape}</source>
        <translation>{what}: (x, y) の組の一覧である必要があります（実際の形: {shape}）</translation>
    </message>
    <message>
        <source>{what}: coordinates must be finite numbers</source>
        <translation>{what}: 座標は有限の数値である必要があります</translation>
    </message>
    <message>
        <source>unknown annotation kind {kind!r}</source>
        <translation>不明なアノテーションの種類 {kind!r}</translation>
    </message>
    <message>
        <source>a {kind} cannot have holes</source>
        <translation>{kind}には穴を設定できません</translation>
    </message>
    <message>
        <source>a {kind} needs {want} points, got {pts_count}</source>
        <translation>{kind}には {want} 点が必要ですが、{pts_count} 点です</translation>
    </message>
    <message>
        <source>a hole of a {kind} needs 3 or more points</source>
        <translation>{kind}の穴には 3 点以上が必要です</translation>
    </message>
    <message>
        <source>a {kind} may have at most {max_vertices} vertices</source>
        <translation>{kind}の頂点は最大 {max_vertices} 個です</translation>
    </message>
    <message>
        <source>a {kind} has no ring {ring}</source>
        <translation>{kind}にリング {ring} はありません</translation>
    </message>
    <message>
        <source>a {kind} has no vertex {index}</source>
        <translation>{kind}に頂点 {index} はありません</translation>
    </message>
    <message>
        <source>vertices cannot be added to a {kind}</source>
        <translation>{kind}には頂点を追加できません</translation>
    </message>
    <message>
        <source>vertices cannot be removed from a {kind}</source>
        <translation>{kind}からは頂点を削除できません</translation>
    </message>
    <message>
        <source>an annotation text must be a string</source>
        <translation>アノテーションのテキストは文字列である必要があります</translation>
    </message>
    <message>
        <source>no annotation {annotation_id} in case {case_id}</source>
        <translation>症例 {case_id} にアノテーション {annotation_id} はありません</translation>
    </message>
    <message>
        <source>annotation {id} is listed twice</source>
        <translation>アノテーション {id} が重複しています</translation>
    </message>
    <message>
        <source>an annotation&apos;s geometry must be a Geometry</source>
        <translation>アノテーションの形状は Geometry である必要があります</translation>
    </message>
    <message>
        <source>a move needs finite offsets</source>
        <translation>移動量は有限の数値である必要があります</translation>
    </message>
    <message>
        <source>no annotation {unknown} in case {case_id}</source>
        <translation>症例 {case_id} にアノテーション {unknown} はありません</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>元に戻す操作</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>end_batch without begin_batch</source>
        <translation>begin_batch のない end_batch です</translation>
    </message>
    <message>
        <source>only Annotation objects can be added</source>
        <translation>追加できるのは Annotation オブジェクトのみです</translation>
    </message>
    <message>
        <source>annotation {id} belongs to another case</source>
        <translation>アノテーション {id} は別の症例のものです</translation>
    </message>
    <message>
        <source>annotation {id} is already in case {case_id}</source>
        <translation>アノテーション {id} はすでに症例 {case_id} にあります</translation>
    </message>
    <message>
        <source>annotation {value} is locked; unlock it to change its shape</source>
        <translation>アノテーション {value} はロックされています。形状を変更するにはロックを解除してください</translation>
    </message>
    <message>
        <source>cannot {what} while an edit is in progress; finish or cancel it first</source>
        <translation>編集中は {what} できません。先に編集を完了するか取り消してください</translation>
    </message>
    <message>
        <source>a pixel size must be positive, got {x} x {y} {unit}</source>
        <translation>ピクセルサイズは正の値である必要があります（実際: {x} x {y} {unit}）</translation>
    </message>
    <message>
        <source>a {kind} has no perimeter</source>
        <translation>{kind}には周囲長がありません</translation>
    </message>
    <message>
        <source>a {kind} has no area</source>
        <translation>{kind}には面積がありません</translation>
    </message>
    <message>
        <source>ROI statistics need a 2D image, got shape {shape}</source>
        <translation>ROI 統計には 2 次元画像が必要です（実際の形: {shape}）</translation>
    </message>
    <message>
        <source>an annotation target is a series or a slide, not {kind!r}</source>
        <translation>アノテーションの対象はシリーズまたはスライドです（{kind!r} は不可）</translation>
    </message>
    <message>
        <source>a {kind} target needs a non-empty id</source>
        <translation>{kind} の対象には空でない ID が必要です</translation>
    </message>
    <message>
        <source>a slide target has no frame</source>
        <translation>スライドの対象にはフレームがありません</translation>
    </message>
    <message>
        <source>a frame is a slice index or a SOPInstanceUID, not {f!r}</source>
        <translation>フレームはスライス番号または SOPInstanceUID です（{f!r} は不可）</translation>
    </message>
    <message>
        <source>an annotation target must be an object</source>
        <translation>アノテーションの対象はオブジェクトである必要があります</translation>
    </message>
    <message>
        <source>a classification needs a name</source>
        <translation>分類には名前が必要です</translation>
    </message>
    <message>
        <source>classification {name!r}: colour must be three integers</source>
        <translation>分類 {name!r}: 色は 3 つの整数である必要があります</translation>
    </message>
    <message>
        <source>classification {name!r}: colour must be three integers 0-255</source>
        <translation>分類 {name!r}: 色は 0〜255 の 3 つの整数である必要があります</translation>
    </message>
    <message>
        <source>an annotation id is 32 lowercase hex digits, not {id!r}</source>
        <translation>アノテーション ID は小文字 16 進数 32 桁です（{id!r} は不可）</translation>
    </message>
    <message>
        <source>an annotation needs a case id</source>
        <translation>アノテーションには症例 ID が必要です</translation>
    </message>
    <message>
        <source>an annotation needs a Target and a Geometry</source>
        <translation>アノテーションには Target と Geometry が必要です</translation>
    </message>
    <message>
        <source>a classification must be a Classification or None</source>
        <translation>分類は Classification または None である必要があります</translation>
    </message>
    <message>
        <source>an annotation {label} must be text</source>
        <translation>アノテーションの {label} は文字列である必要があります</translation>
    </message>
    <message>
        <source>the saved annotations of case {case_id} cannot be read ({exc})</source>
        <translation>症例 {case_id} の保存済みアノテーションを読み込めません（{exc}）</translation>
    </message>
    <message>
        <source>A key image must be a PNG picture</source>
        <translation>キー画像は PNG 画像である必要があります</translation>
    </message>
    <message>
        <source>A key image of {width}×{height} pixels is out of range</source>
        <translation>{width}×{height} ピクセルのキー画像は範囲外です</translation>
    </message>
    <message>
        <source>Unknown key image source {source!r}; expected one of {join}</source>
        <translation>不明なキー画像の取得元 {source!r} です。{join} のいずれかを指定してください</translation>
    </message>
    <message>
        <source>No case {case_id} in this workspace</source>
        <translation>このワークスペースに症例 {case_id} はありません</translation>
    </message>
    <message>
        <source>No key image {key_image_id}</source>
        <translation>キー画像 {key_image_id} はありません</translation>
    </message>
    <message>
        <source>a {kind} has no area to measure pixels in</source>
        <translation>{kind}にはピクセルを計測する領域がありません</translation>
    </message>
</context>
<context>
    <name>AnnotationKinds</name>
    <message>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>線</translation>
    </message>
    <message>
        <source>Polyline</source>
        <translation>折れ線</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>楕円</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多角形</translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation>フリーハンド</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>矢印</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
</context>
<context>
    <name>AnnotationList</name>
    <message>
        <source>optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Saved when you leave the field or press Ctrl+Enter</source>
        <translation>欄を離れるか Ctrl+Enter で保存されます</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <source>A locked shape cannot be moved or edited</source>
        <translation>ロックされた図形は移動・編集できません</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>アノテーション</translation>
    </message>
    <message>
        <source>Length / area</source>
        <translation>長さ / 面積</translation>
    </message>
    <message>
        <source>&lt;b&gt;Annotations&lt;/b&gt;</source>
        <translation>&lt;b&gt;注釈&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No class</source>
        <translation>分類なし</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… 他 {0} 件</translation>
    </message>
    <message>
        <source>{0} on this slide</source>
        <translation>このスライドに {0} 件</translation>
    </message>
    <message>
        <source>Select an annotation to edit its class and comment.</source>
        <translation>注釈を選択すると分類とコメントを編集できます。</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>&amp;Display</source>
        <translation>表示設定(&amp;D)</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>文字を大きく</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>文字を小さく</translation>
    </message>
    <message>
        <source>Text size 100 %</source>
        <translation>文字サイズ 100 %</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>ハイコントラスト</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>言語(再起動後に反映)</translation>
    </message>
</context>
<context>
    <name>AssociatedImagesDialog</name>
    <message>
        <source>Label, macro and thumbnail — {0}</source>
        <translation>ラベル・マクロ・サムネイル — {0}</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Macro (whole glass)</source>
        <translation>マクロ(スライドガラス全体)</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>サムネイル</translation>
    </message>
    <message>
        <source>{0} · {1} × {2} px</source>
        <translation>{0} · {1} × {2} px</translation>
    </message>
    <message>
        <source>Not readable: {0}</source>
        <translation>読み込めません: {0}</translation>
    </message>
    <message>
        <source>This slide file holds no label, macro or thumbnail image.</source>
        <translation>このスライドファイルにはラベル・マクロ・サムネイル画像がありません。</translation>
    </message>
    <message>
        <source>A label can show patient details: these images stay inside the app (they are not saved or exported).</source>
        <translation>ラベルには患者情報が写っていることがあります: これらの画像はアプリ内でのみ表示され、保存・書き出しはされません。</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>← Worklist</source>
        <translation>← ワークリスト</translation>
    </message>
    <message>
        <source>Back to the worklist (Esc)</source>
        <translation>ワークリストに戻る (Esc)</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Date / count</source>
        <translation>日付 / 枚数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Select an item. Its viewer opens here.</source>
        <translation>項目を選択してください。ここにビューアが開きます。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>症例</translation>
    </message>
    <message>
        <source>The opinion editor opens here.</source>
        <translation>ここに意見書エディタが開きます。</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>依頼内容:</translation>
    </message>
    <message>
        <source>The patient asks:</source>
        <translation>患者さんからの質問:</translation>
    </message>
    <message>
        <source>First opinion:</source>
        <translation>ファーストオピニオン:</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Imaging series</source>
        <translation>画像シリーズ</translation>
    </message>
    <message>
        <source>Series …{uid} (no description)</source>
        <translation>シリーズ …{uid}（説明なし）</translation>
    </message>
    <message>
        <source>{date} · {n} images</source>
        <translation>{date} · {n} 枚</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>日付なし</translation>
    </message>
    <message>
        <source>Slides</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>Whole-slide image</source>
        <translation>全スライド画像（WSI）</translation>
    </message>
    <message>
        <source>Key images</source>
        <translation>キー画像</translation>
    </message>
    <message>
        <source>This item has no viewer.</source>
        <translation>この項目にはビューアがありません。</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>（キャプションなし）</translation>
    </message>
    <message>
        <source>Key image</source>
        <translation>キー画像</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>no date</source>
        <translation>日付なし</translation>
    </message>
    <message>
        <source>({n} images)</source>
        <translation>({n} 画像)</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>日付不明</translation>
    </message>
    <message>
        <source>Loading {series} to compare…</source>
        <translation>比較のため {series} を読み込み中…</translation>
    </message>
    <message>
        <source>Prior</source>
        <translation>前回</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>今回</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Cannot compare: {reason}</source>
        <translation>比較できません: {reason}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Imaging: compare</source>
        <translation>画像: 比較</translation>
    </message>
    <message>
        <source>Link scrolling on / off</source>
        <translation>スクロール連動のオン/オフ</translation>
    </message>
    <message>
        <source>Sync here: align the two series at these slices</source>
        <translation>ここで同期: 2つのシリーズをこのスライスで位置合わせ</translation>
    </message>
    <message>
        <source>Link scrolling</source>
        <translation>スクロール連動</translation>
    </message>
    <message>
        <source>Scroll both series together by patient position (S toggles)</source>
        <translation>患者座標で両シリーズを連動してスクロール(Sで切替)</translation>
    </message>
    <message>
        <source>Link window</source>
        <translation>ウィンドウ連動</translation>
    </message>
    <message>
        <source>Apply a window/level change to both series</source>
        <translation>ウィンドウ/レベルの変更を両シリーズに適用</translation>
    </message>
    <message>
        <source>Sync here</source>
        <translation>ここで同期</translation>
    </message>
    <message>
        <source>The two slices on screen show the same anatomy: link from here (Y)</source>
        <translation>画面上の2スライスは同じ部位です: ここから連動(Y)</translation>
    </message>
    <message>
        <source>Close compare</source>
        <translation>比較を閉じる</translation>
    </message>
    <message>
        <source>Not linked: {reason}</source>
        <translation>連動なし: {reason}</translation>
    </message>
    <message>
        <source>Scrolling separately</source>
        <translation>個別にスクロール中</translation>
    </message>
    <message>
        <source>beyond the other series</source>
        <translation>他方のシリーズの範囲外</translation>
    </message>
    <message>
        <source>Linked by position · offset {offset} mm · {where}</source>
        <translation>位置で連動 · オフセット {offset} mm · {where}</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <source>Confirm: the source says this and it is right</source>
        <translation>確認: 出典にこう書かれており、正しい</translation>
    </message>
    <message>
        <source>Reject: this is wrong or not what the source says</source>
        <translation>却下: 誤り、または出典の内容と異なる</translation>
    </message>
    <message>
        <source>Correct: enter the right value</source>
        <translation>修正: 正しい値を入力</translation>
    </message>
    <message>
        <source>Corrected value, Enter to keep</source>
        <translation>修正後の値(Enter で確定)</translation>
    </message>
</context>
<context>
    <name>DocumentLoader</name>
    <message>
        <source>{title}: this kind of record ({type}) has no viewer yet.</source>
        <translation>{title}: この種類の記録（{type}）を表示するビューアはまだありません。</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>不明な形式</translation>
    </message>
    <message>
        <source>{title} is {mb} MB of text; too large to show.</source>
        <translation>{title} は {mb} MB のテキストで、大きすぎて表示できません。</translation>
    </message>
    <message>
        <source>the record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Opening {title}…</source>
        <translation>{title} を開いています…</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>日付なし</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>Page {n} could not be drawn</source>
        <translation>{n} ページ目を描画できませんでした</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong ({kind}). Your work is saved; please try again.</source>
        <translation>問題が発生しました({kind})。作業内容は保存されています。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The passphrase is not correct: the signing key stays locked</source>
        <translation>パスフレーズが正しくありません: 署名鍵はロックされたままです</translation>
    </message>
    <message>
        <source>The token PIN is not correct</source>
        <translation>トークンの PIN が正しくありません</translation>
    </message>
    <message>
        <source>The passphrase or PIN is not correct; nothing was signed</source>
        <translation>パスフレーズまたは PIN が正しくありません。署名は行われていません</translation>
    </message>
    <message>
        <source>No OS keyring (Secret Service, Keychain or Credential Locker) is available on this machine. Start one, or choose passphrase-only mode explicitly (--passphrase-only; weaker: the passphrase alone then opens the workspace).</source>
        <translation>この端末では OS のキーリング(Secret Service、Keychain、Credential Locker)が使えません。キーリングを起動するか、パスフレーズのみのモードを明示的に選んでください(--passphrase-only。安全性が低下し、パスフレーズだけでワークスペースが開けるようになります)。</translation>
    </message>
    <message>
        <source>The OS keyring could not be read ({kind}).</source>
        <translation>OS のキーリングを読み取れませんでした({kind})。</translation>
    </message>
    <message>
        <source>The OS keyring refused to store the device secret ({kind}).</source>
        <translation>OS のキーリングが端末シークレットの保存を拒否しました({kind})。</translation>
    </message>
    <message>
        <source>The passphrase must have at least 8 characters.</source>
        <translation>パスフレーズは8文字以上にしてください。</translation>
    </message>
    <message>
        <source>Unknown key derivation {name!r} in the workspace key file</source>
        <translation>ワークスペースの鍵ファイルに不明な鍵導出方式 {name!r} があります</translation>
    </message>
    <message>
        <source>This workspace needs its device secret from the OS keyring, and no keyring is available.</source>
        <translation>このワークスペースには OS キーリングの端末シークレットが必要ですが、キーリングが使えません。</translation>
    </message>
    <message>
        <source>The OS keyring holds no device secret for this workspace: it was made on another machine or for another user. The passphrase alone cannot open it.</source>
        <translation>OS キーリングにこのワークスペースの端末シークレットがありません。別の端末または別のユーザー用に作成されたワークスペースです。パスフレーズだけでは開けません。</translation>
    </message>
    <message>
        <source>The passphrase is not correct for this workspace (or its key file was altered).</source>
        <translation>このワークスペースのパスフレーズが正しくありません(または鍵ファイルが改変されています)。</translation>
    </message>
    <message>
        <source>{where} is not a readable workspace key file</source>
        <translation>{where} は読み込めるワークスペース鍵ファイルではありません</translation>
    </message>
    <message>
        <source>{where} is not a workspace key file</source>
        <translation>{where} はワークスペース鍵ファイルではありません</translation>
    </message>
    <message>
        <source>{where} has version {version}; this program reads {version2}</source>
        <translation>{where} のバージョンは {version} ですが、このプログラムが読めるのは {version2} です</translation>
    </message>
    <message>
        <source>{root} is already a workspace</source>
        <translation>{root} はすでにワークスペースです</translation>
    </message>
    <message>
        <source>{root} is not empty; choose an empty folder for a new workspace</source>
        <translation>{root} は空ではありません。新しいワークスペースには空のフォルダーを選んでください</translation>
    </message>
    <message>
        <source>{root} is not a workspace (no {key_file}); create one first</source>
        <translation>{root} はワークスペースではありません（{key_file} がありません）。先に作成してください</translation>
    </message>
    <message>
        <source>Another program is writing to this workspace; try again later</source>
        <translation>別のプログラムがこのワークスペースに書き込み中です。しばらくしてから再度お試しください</translation>
    </message>
    <message>
        <source>Not a blob id: {blob_id!r}</source>
        <translation>保存ファイルの ID ではありません: {blob_id!r}</translation>
    </message>
    <message>
        <source>The workspace is locked; unlock it to read or write its files</source>
        <translation>ワークスペースはロックされています。ファイルを読み書きするにはロックを解除してください</translation>
    </message>
    <message>
        <source>Stored file {id} is missing from the workspace</source>
        <translation>保存ファイル {id} がワークスペースにありません</translation>
    </message>
    <message>
        <source>Stored file {id} failed its integrity check: {why}</source>
        <translation>保存ファイル {id} が整合性検査に失敗しました: {why}</translation>
    </message>
    <message>
        <source>Stored file {id} failed its integrity check: it is truncated</source>
        <translation>保存ファイル {id} が整合性検査に失敗しました: ファイルが途中で切れています</translation>
    </message>
    <message>
        <source>Stored file {blob_id} failed its integrity check at chunk {i}: it was altered, truncated or swapped; nothing was returned</source>
        <translation>保存ファイル {blob_id} がチャンク {i} で整合性検査に失敗しました。改変、切り詰め、または差し替えられています。何も返していません</translation>
    </message>
    <message>
        <source>Cannot read a passphrase from {passphrase_file}</source>
        <translation>{passphrase_file} からパスフレーズを読み込めません</translation>
    </message>
    <message>
        <source>No passphrase: use --passphrase-file or REVIEWER_PASSPHRASE</source>
        <translation>パスフレーズがありません。--passphrase-file または REVIEWER_PASSPHRASE を使用してください</translation>
    </message>
    <message>
        <source>{root} is not a workspace; `reviewer demo` or `reviewer import` creates one</source>
        <translation>{root} はワークスペースではありません。`reviewer demo` または `reviewer import` で作成できます</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}: ファイルまたはフォルダーがありません</translation>
    </message>
    <message>
        <source>The workspace database failed its integrity check ({exc}): it is corrupt or was altered. Nothing was read from it.</source>
        <translation>ワークスペースのデータベースが整合性検査に失敗しました（{exc}）。破損しているか改変されています。何も読み込んでいません。</translation>
    </message>
    <message>
        <source>The workspace database {name} cannot be read: it is corrupt or was altered ({exc}). Nothing was read from it.</source>
        <translation>ワークスペースのデータベース {name} を読み込めません。破損しているか改変されています（{exc}）。何も読み込んでいません。</translation>
    </message>
    <message>
        <source>The workspace database has schema version {version}; this program knows up to {migrations_count}. Update the program.</source>
        <translation>ワークスペースのデータベースのスキーマバージョンは {version} ですが、このプログラムは {migrations_count} までしか扱えません。プログラムを更新してください。</translation>
    </message>
    <message>
        <source>Updating the workspace database from schema version {value} to {target} failed ({exc}); nothing was changed. Report this to support.</source>
        <translation>ワークスペースのデータベースをスキーマバージョン {value} から {target} へ更新できませんでした（{exc}）。何も変更していません。サポートに報告してください。</translation>
    </message>
    <message>
        <source>{name} is not a readable PDF ({name2})</source>
        <translation>{name} は読み込める PDF ではありません（{name2}）</translation>
    </message>
    <message>
        <source>{name} has {count} pages; more than {max_pages} are not shown</source>
        <translation>{name} は {count} ページあります。{max_pages} ページを超える分は表示しません</translation>
    </message>
</context>
<context>
    <name>FlagCard</name>
    <message>
        <source>Evidence:</source>
        <translation>根拠:</translation>
    </message>
</context>
<context>
    <name>ImagingErrors</name>
    <message>
        <source>This series has no patient positions (Image Position/Orientation), so it cannot be scrolled by position</source>
        <translation>このシリーズには患者座標（Image Position/Orientation）がないため、位置による連動スクロールができません</translation>
    </message>
    <message>
        <source>The two series are cut in different planes ({angle:.0f}° apart); linked scrolling needs series of the same orientation</source>
        <translation>2 つのシリーズの断面が異なります（{angle:.0f}° の差）。連動スクロールには同じ方向のシリーズが必要です</translation>
    </message>
    <message>
        <source>its compressed pixel data is malformed (found ({g:04X},{e:04X}) where a fragment must be)</source>
        <translation>圧縮ピクセルデータの形式が不正です（フラグメントがあるべき位置に ({g:04X},{e:04X}) があります）</translation>
    </message>
    <message>
        <source>a fragment of its compressed pixel data runs past the end of the file (truncated)</source>
        <translation>圧縮ピクセルデータのフラグメントがファイルの終端を越えています（途中で切れています）</translation>
    </message>
    <message>
        <source>its compressed pixel data holds no fragments</source>
        <translation>圧縮ピクセルデータにフラグメントがありません</translation>
    </message>
    <message>
        <source>its compressed pixel data is cut short (truncated)</source>
        <translation>圧縮ピクセルデータが途中で切れています</translation>
    </message>
    <message>
        <source>its compressed pixel data holds no frames</source>
        <translation>圧縮ピクセルデータにフレームがありません</translation>
    </message>
    <message>
        <source>its frame offset table is not in order</source>
        <translation>フレームオフセットテーブルの順序が不正です</translation>
    </message>
    <message>
        <source>{fragments_count} fragments for {nframes} frames and no offset table: frames cannot be told apart</source>
        <translation>{nframes} フレームに対しフラグメントが {fragments_count} 個あり、オフセットテーブルもないため、フレームを区別できません</translation>
    </message>
    <message>
        <source>its compressed pixel data holds {groups_count} frames, but the header declares {nframes} (truncated?)</source>
        <translation>圧縮ピクセルデータには {groups_count} フレームありますが、ヘッダーでは {nframes} フレームとされています（途中で切れている可能性があります）</translation>
    </message>
    <message>
        <source>frame {value}: its {name} data cannot be decoded ({name2})</source>
        <translation>フレーム {value}: {name} データを復号できません（{name2}）</translation>
    </message>
    <message>
        <source>frame {value} decodes to {join} pixels, but the header says {join2}</source>
        <translation>フレーム {value} は {join} ピクセルに復号されましたが、ヘッダーでは {join2} です</translation>
    </message>
    <message>
        <source>frame {value} decodes to {dtype} values, not integers</source>
        <translation>フレーム {value} は整数ではなく {dtype} 値に復号されました</translation>
    </message>
    <message>
        <source>frame {value}: pixel data is cut short (truncated)</source>
        <translation>フレーム {value}: ピクセルデータが途中で切れています</translation>
    </message>
    <message>
        <source>{photometric} with {bits_allocated}-bit samples is not supported</source>
        <translation>{bits_allocated} ビットサンプルの {photometric} には対応していません</translation>
    </message>
    <message>
        <source>has no frame {value}</source>
        <translation>フレーム {value} がありません</translation>
    </message>
    <message>
        <source>needs {value:.1f} GiB of memory; refused (limit {value2:.0f} GiB)</source>
        <translation>{value:.1f} GiB のメモリーが必要なため、読み込みを中止しました（上限 {value2:.0f} GiB）</translation>
    </message>
    <message>
        <source>its image is {join}, the series&apos; {join2}</source>
        <translation>画像は {join} ですが、シリーズは {join2} です</translation>
    </message>
    <message>
        <source>its per-frame functional groups are malformed</source>
        <translation>Per-frame Functional Groups の形式が不正です</translation>
    </message>
    <message>
        <source>has {per_count} per-frame functional groups for {count} frames</source>
        <translation>{count} フレームに対して Per-frame Functional Groups が {per_count} 個あります</translation>
    </message>
    <message>
        <source>holds no pixel data (not an image)</source>
        <translation>ピクセルデータがありません（画像ではありません）</translation>
    </message>
    <message>
        <source>has no image size (Rows/Columns missing or zero)</source>
        <translation>画像サイズがありません（Rows/Columns が欠落またはゼロ）</translation>
    </message>
    <message>
        <source>has {samples} samples per pixel; only 1 or 3 can be shown</source>
        <translation>1 ピクセルあたりのサンプル数が {samples} です。表示できるのは 1 または 3 のみです</translation>
    </message>
    <message>
        <source>has float pixel data with {bits_alloc} bits allocated</source>
        <translation>浮動小数点ピクセルデータ（Bits Allocated {bits_alloc}）です</translation>
    </message>
    <message>
        <source>has {bits_alloc} bits allocated, which cannot be decoded</source>
        <translation>Bits Allocated が {bits_alloc} のため復号できません</translation>
    </message>
    <message>
        <source>declares {frames} frames</source>
        <translation>フレーム数が {frames} と宣言されています</translation>
    </message>
    <message>
        <source>declares a {rows}×{cols} frame too large to decode here</source>
        <translation>{rows}×{cols} のフレームが宣言されていますが、大きすぎてこの端末では復号できません</translation>
    </message>
    <message>
        <source>its transfer syntax is compressed but the pixel data is not encapsulated</source>
        <translation>転送構文は圧縮形式ですが、ピクセルデータがカプセル化されていません</translation>
    </message>
    <message>
        <source>pixel data holds {vlen} bytes but {rows}×{cols}×{frames} frames at {bits_alloc} bits need {need} (truncated or wrong header)</source>
        <translation>ピクセルデータは {vlen} バイトですが、{rows}×{cols}×{frames} フレーム（{bits_alloc} ビット）には {need} バイト必要です（途中で切れているかヘッダーが不正です）</translation>
    </message>
    <message>
        <source>has encapsulated pixel data but an uncompressed transfer syntax</source>
        <translation>ピクセルデータはカプセル化されていますが、転送構文が非圧縮です</translation>
    </message>
    <message>
        <source>declares {frames} frames, more than its pixel data can hold</source>
        <translation>フレーム数が {frames} と宣言されていますが、ピクセルデータに収まりません</translation>
    </message>
    <message>
        <source>its lookup tables (LUT or palette) are malformed</source>
        <translation>ルックアップテーブル（LUT またはパレット）の形式が不正です</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>ファイルまたはフォルダーがありません</translation>
    </message>
    <message>
        <source>its {what} has a malformed LUT Descriptor</source>
        <translation>{what} の LUT Descriptor の形式が不正です</translation>
    </message>
    <message>
        <source>its {what} holds {size} entries but declares {n}</source>
        <translation>{what} のエントリー数は {size} ですが、宣言では {n} です</translation>
    </message>
    <message>
        <source>is PALETTE COLOR but has no usable palette descriptor</source>
        <translation>PALETTE COLOR ですが、使用できるパレット記述子がありません</translation>
    </message>
    <message>
        <source>its {lower} palette holds fewer entries than it declares</source>
        <translation>{lower} パレットのエントリー数が宣言より少ないです</translation>
    </message>
    <message>
        <source>is PALETTE COLOR but has no {lower} palette</source>
        <translation>PALETTE COLOR ですが、{lower} パレットがありません</translation>
    </message>
    <message>
        <source>its segmented palette cannot be read ({name})</source>
        <translation>セグメント化パレットを読み込めません（{name}）</translation>
    </message>
    <message>
        <source>malformed element(s) {names} ({name})</source>
        <translation>形式が不正な要素 {names}（{name}）</translation>
    </message>
    <message>
        <source>element {tag_str} runs past the end of the file (truncated or a wrong length)</source>
        <translation>要素 {tag_str} がファイルの終端を越えています（途中で切れているか長さが不正です）</translation>
    </message>
    <message>
        <source>the file ends inside an element header (truncated)</source>
        <translation>要素ヘッダーの途中でファイルが終わっています（途中で切れています）</translation>
    </message>
    <message>
        <source>the header has an implausible number of elements</source>
        <translation>ヘッダーの要素数が妥当ではありません</translation>
    </message>
    <message>
        <source>unexpected delimiter {tag_str} inside the dataset</source>
        <translation>データセット内に予期しない区切り {tag_str} があります</translation>
    </message>
    <message>
        <source>element {tag_str} has an invalid value representation</source>
        <translation>要素 {tag_str} の値表現（VR）が不正です</translation>
    </message>
    <message>
        <source>pixel data declares {length} bytes but only {max} remain in the file (truncated or a wrong length)</source>
        <translation>ピクセルデータは {length} バイトと宣言されていますが、ファイルには {max} バイトしか残っていません（途中で切れているか長さが不正です）</translation>
    </message>
    <message>
        <source>element {tag_str} has an undefined length, which its type does not allow</source>
        <translation>要素 {tag_str} は長さ未定義ですが、この型では許されていません</translation>
    </message>
    <message>
        <source>sequences are nested implausibly deep</source>
        <translation>シーケンスの入れ子が妥当でないほど深くなっています</translation>
    </message>
    <message>
        <source>element {tag_str} declares {length} bytes but only {max} remain in the file (truncated or a wrong length)</source>
        <translation>要素 {tag_str} は {length} バイトと宣言されていますが、ファイルには {max} バイトしか残っていません（途中で切れているか長さが不正です）</translation>
    </message>
    <message>
        <source>sequence {tag_str} is not closed before the end of the file (truncated)</source>
        <translation>シーケンス {tag_str} がファイルの終端までに閉じていません（途中で切れています）</translation>
    </message>
    <message>
        <source>sequence {tag_str} is malformed (expected an item, found {tag_str2})</source>
        <translation>シーケンス {tag_str} の形式が不正です（アイテムがあるべき位置に {tag_str2} があります）</translation>
    </message>
    <message>
        <source>an item of sequence {tag_str} runs past the end of the file</source>
        <translation>シーケンス {tag_str} のアイテムがファイルの終端を越えています</translation>
    </message>
    <message>
        <source>not a DICOM file (no DICM marker and no recognisable header)</source>
        <translation>DICOM ファイルではありません（DICM マーカーも認識できるヘッダーもありません）</translation>
    </message>
    <message>
        <source>the file ends inside its meta header (truncated)</source>
        <translation>メタヘッダーの途中でファイルが終わっています（途中で切れています）</translation>
    </message>
    <message>
        <source>empty DICOM meta header</source>
        <translation>DICOM メタヘッダーが空です</translation>
    </message>
    <message>
        <source>the meta header has no transfer syntax</source>
        <translation>メタヘッダーに転送構文がありません</translation>
    </message>
    <message>
        <source>meta element {tag_str} has an invalid value representation</source>
        <translation>メタ要素 {tag_str} の値表現（VR）が不正です</translation>
    </message>
    <message>
        <source>meta element {tag_str} has an undefined length</source>
        <translation>メタ要素 {tag_str} の長さが未定義です</translation>
    </message>
    <message>
        <source>meta element {tag_str} declares {length} bytes but the file is shorter (truncated)</source>
        <translation>メタ要素 {tag_str} は {length} バイトと宣言されていますが、ファイルがそれより短いです（途中で切れています）</translation>
    </message>
    <message>
        <source>its deflated dataset is corrupt</source>
        <translation>Deflate 圧縮されたデータセットが破損しています</translation>
    </message>
    <message>
        <source>its deflated dataset inflates beyond 2 GiB; refused</source>
        <translation>Deflate 圧縮されたデータセットは展開すると 2 GiB を超えるため、読み込みを中止しました</translation>
    </message>
    <message>
        <source>not a DICOM file (too short)</source>
        <translation>DICOM ファイルではありません（短すぎます）</translation>
    </message>
    <message>
        <source>its header is cut short (truncated)</source>
        <translation>ヘッダーが途中で切れています</translation>
    </message>
    <message>
        <source>cannot be opened ({value})</source>
        <translation>開けません（{value}）</translation>
    </message>
    <message>
        <source>header unreadable ({name})</source>
        <translation>ヘッダーを読み込めません（{name}）</translation>
    </message>
    <message>
        <source>holds no images</source>
        <translation>画像がありません</translation>
    </message>
    <message>
        <source>holds no files</source>
        <translation>ファイルがありません</translation>
    </message>
</context>
<context>
    <name>ImportErrors</name>
    <message>
        <source>{where}: {n} bytes, but the manifest says {size}</source>
        <translation>{where}: {n} バイトですが、マニフェストでは {size} バイトです</translation>
    </message>
    <message>
        <source>{where}: its SHA-1 does not match the manifest&apos;s attachment.hash</source>
        <translation>{where}: SHA-1 がマニフェストの attachment.hash と一致しません</translation>
    </message>
    <message>
        <source>{where}: its SHA-256 does not match SHA256SUMS</source>
        <translation>{where}: SHA-256 が SHA256SUMS と一致しません</translation>
    </message>
    <message>
        <source>{label}/{rel}: {size} bytes is too large</source>
        <translation>{label}/{rel}: {size} バイトは大きすぎます</translation>
    </message>
    <message>
        <source>{label}: case {case} is already in the workspace</source>
        <translation>{label}: 症例 {case} はすでにワークスペースにあります</translation>
    </message>
    <message>
        <source>{where}: listed in SHA256SUMS but missing from the package</source>
        <translation>{where}: SHA256SUMS に記載されていますが、パッケージにありません</translation>
    </message>
    <message>
        <source>{where}: named by a DocumentReference but missing from the package</source>
        <translation>{where}: DocumentReference で指定されていますが、パッケージにありません</translation>
    </message>
    <message>
        <source>{where}: not covered by any hash (SHA256SUMS or attachment.hash); refused</source>
        <translation>{where}: どのハッシュ（SHA256SUMS または attachment.hash）でも検証されていないため、拒否しました</translation>
    </message>
    <message>
        <source>{label}/{rel}: {exc}</source>
        <translation>{label}/{rel}: {exc}</translation>
    </message>
    <message>
        <source>{label}/{rel}: not valid JSON</source>
        <translation>{label}/{rel}: 有効な JSON ではありません</translation>
    </message>
    <message>
        <source>{label}/{rel}: unexpected file; a package holds manifest.json, SHA256SUMS, documents/, dicom/ and slides/</source>
        <translation>{label}/{rel}: 想定外のファイルです。パッケージに含まれるのは manifest.json、SHA256SUMS、documents/、dicom/、slides/ です</translation>
    </message>
    <message>
        <source>{label}: no manifest.json and no DICOM files; nothing to import</source>
        <translation>{label}: manifest.json も DICOM ファイルもありません。取り込むものがありません</translation>
    </message>
    <message>
        <source>{label}: holds more than one patient ({a} and {b} differ); import each patient&apos;s folder separately</source>
        <translation>{label}: 複数の患者が含まれています（{a} と {b} が異なります）。患者ごとのフォルダを個別に取り込んでください</translation>
    </message>
    <message>
        <source>{where}: not valid JSON ({name} at {position})</source>
        <translation>{where}: 有効な JSON ではありません（{position} 文字目で {name}）</translation>
    </message>
    <message>
        <source>{where}: not a FHIR Bundle</source>
        <translation>{where}: FHIR Bundle ではありません</translation>
    </message>
    <message>
        <source>{where}: Bundle.type must be &apos;collection&apos;, not {type!r}</source>
        <translation>{where}: Bundle.type は &apos;collection&apos; である必要があります（{type!r} は不可）</translation>
    </message>
    <message>
        <source>{where}: entry {i} has no resource</source>
        <translation>{where}: エントリー {i} に resource がありません</translation>
    </message>
    <message>
        <source>{where}: needs exactly one {kind}, found {found_count}</source>
        <translation>{where}: {kind} はちょうど 1 つ必要ですが、{found_count} 個あります</translation>
    </message>
    <message>
        <source>{where}: Task.identifier (the platform&apos;s case id) is missing</source>
        <translation>{where}: Task.identifier（プラットフォームの症例 ID）がありません</translation>
    </message>
    <message>
        <source>{where}: Task.priority {priority!r} is not one of {join}</source>
        <translation>{where}: Task.priority {priority!r} は {join} のいずれでもありません</translation>
    </message>
    <message>
        <source>{where}: a DocumentReference attachment has no url</source>
        <translation>{where}: DocumentReference の添付に url がありません</translation>
    </message>
    <message>
        <source>{where}: attachment {url!r} is not inside the package</source>
        <translation>{where}: 添付 {url!r} がパッケージ内にありません</translation>
    </message>
    <message>
        <source>{where}: attachment {url} has a hash that is not base64</source>
        <translation>{where}: 添付 {url} のハッシュが base64 ではありません</translation>
    </message>
    <message>
        <source>{where}: attachment {url} hash is not a SHA-1 digest</source>
        <translation>{where}: 添付 {url} のハッシュが SHA-1 ダイジェストではありません</translation>
    </message>
    <message>
        <source>{where}: attachment {url} has an invalid size {size!r}</source>
        <translation>{where}: 添付 {url} のサイズ {size!r} が不正です</translation>
    </message>
    <message>
        <source>{label}/SHA256SUMS line {n} is not &apos;&lt;sha256&gt;  &lt;path&gt;&apos;</source>
        <translation>{label}/SHA256SUMS の {n} 行目が &apos;&lt;sha256&gt;  &lt;path&gt;&apos; の形式ではありません</translation>
    </message>
    <message>
        <source>{where}: refused the path {name!r} (empty, backslash or NUL)</source>
        <translation>{where}: パス {name!r} を拒否しました（空、バックスラッシュまたは NUL を含む）</translation>
    </message>
    <message>
        <source>{where}: refused the absolute path {name!r}</source>
        <translation>{where}: 絶対パス {name!r} を拒否しました</translation>
    </message>
    <message>
        <source>{where}: refused the path {name!r}: it leaves the package</source>
        <translation>{where}: パス {name!r} を拒否しました。パッケージの外を指しています</translation>
    </message>
    <message>
        <source>{name}: cannot be read ({exc})</source>
        <translation>{name}: 読み込めません（{exc}）</translation>
    </message>
    <message>
        <source>{name}: holds more data than it declares (zip bomb?)</source>
        <translation>{name}: 宣言より多くのデータを含んでいます（zip 爆弾の可能性があります）</translation>
    </message>
    <message>
        <source>{label}/{rel}: symbolic links are refused in a package</source>
        <translation>{label}/{rel}: パッケージ内のシンボリックリンクは受け付けません</translation>
    </message>
    <message>
        <source>{label}/{rel}: not a regular file</source>
        <translation>{label}/{rel}: 通常のファイルではありません</translation>
    </message>
    <message>
        <source>{label}/{rel}: {st_size} bytes is over the per-file limit</source>
        <translation>{label}/{rel}: {st_size} バイトはファイルごとの上限を超えています</translation>
    </message>
    <message>
        <source>{label}: more than {max_files} files</source>
        <translation>{label}: ファイルが {max_files} 個を超えています</translation>
    </message>
    <message>
        <source>{label}: {n} bytes is over the package size limit</source>
        <translation>{label}: {n} バイトはパッケージのサイズ上限を超えています</translation>
    </message>
    <message>
        <source>{label}: not a readable zip file ({why})</source>
        <translation>{label}: 読み取れる zip ファイルではありません（{why}）</translation>
    </message>
    <message>
        <source>{label}: more than {max_files} entries</source>
        <translation>{label}: エントリーが {max_files} 個を超えています</translation>
    </message>
    <message>
        <source>{label}: {filename!r} is a symbolic link; refused</source>
        <translation>{label}: {filename!r} はシンボリックリンクのため拒否しました</translation>
    </message>
    <message>
        <source>{label}: {filename!r} is encrypted; refused</source>
        <translation>{label}: {filename!r} は暗号化されているため拒否しました</translation>
    </message>
    <message>
        <source>{label}: {rel} appears twice</source>
        <translation>{label}: {rel} が重複しています</translation>
    </message>
    <message>
        <source>{label}: {rel} declares {file_size} bytes, over the per-file limit</source>
        <translation>{label}: {rel} は {file_size} バイトと宣言されており、ファイルごとの上限を超えています</translation>
    </message>
    <message>
        <source>{label}: {rel} expands {value}× (zip bomb?); refused</source>
        <translation>{label}: {rel} は {value} 倍に展開されるため拒否しました（zip 爆弾の可能性があります）</translation>
    </message>
    <message>
        <source>{label}: {n} bytes uncompressed is over the package size limit</source>
        <translation>{label}: 展開後 {n} バイトはパッケージのサイズ上限を超えています</translation>
    </message>
    <message>
        <source>{name}: a symbolic link; give the package itself</source>
        <translation>{name}: シンボリックリンクです。パッケージそのものを指定してください</translation>
    </message>
    <message>
        <source>{path}: no such folder or file</source>
        <translation>{path}: そのフォルダまたはファイルはありません</translation>
    </message>
</context>
<context>
    <name>InsertKeyImagesDialog</name>
    <message>
        <source>Insert key images</source>
        <translation>キー画像を挿入</translation>
    </message>
    <message>
        <source>slide</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>imaging</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>already in the report</source>
        <translation>レポートに挿入済み</translation>
    </message>
    <message>
        <source>Capture key images from the image viewer (K) or the slide viewer first.</source>
        <translation>先に画像ビューア(K)またはスライドビューアでキー画像を取り込んでください。</translation>
    </message>
    <message>
        <source>Tick the images to add to the report:</source>
        <translation>レポートに追加する画像を選んでください:</translation>
    </message>
</context>
<context>
    <name>KeyImagePanel</name>
    <message>
        <source>Caption for the report</source>
        <translation>レポート用のキャプション</translation>
    </message>
    <message>
        <source>Remove from the case</source>
        <translation>症例から削除</translation>
    </message>
    <message>
        <source>Caption:</source>
        <translation>キャプション:</translation>
    </message>
    <message>
        <source>{mm} mm per pixel</source>
        <translation>1ピクセルあたり {mm} mm</translation>
    </message>
    <message>
        <source>captured {when} · kept encrypted in the case</source>
        <translation>{when} に取り込み · 症例内で暗号化して保管</translation>
    </message>
</context>
<context>
    <name>KeyImages</name>
    <message>
        <source>{series}, image {n} of {total}</source>
        <translation>{series}、画像 {n} / {total}</translation>
    </message>
    <message>
        <source>The key image was not kept</source>
        <translation>キー画像を保存できませんでした</translation>
    </message>
    <message>
        <source>Key image kept in the case: {caption}</source>
        <translation>キー画像を症例に保存しました: {caption}</translation>
    </message>
    <message>
        <source>The caption was not saved</source>
        <translation>キャプションを保存できませんでした</translation>
    </message>
    <message>
        <source>The key image was not removed</source>
        <translation>キー画像を削除できませんでした</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Second-opinion review workstation</source>
        <translation>セカンドオピニオン読影ワークステーション</translation>
    </message>
    <message>
        <source>Sync stopped: {reason}</source>
        <translation>同期が停止しました: {reason}</translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation>ワークスペース(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Import case package or DICOM folder…</source>
        <translation>症例パッケージまたは DICOM フォルダを取り込む(&amp;I)…</translation>
    </message>
    <message>
        <source>Import case package .&amp;zip…</source>
        <translation>症例パッケージ .zip を取り込む(&amp;Z)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>今すぐロック(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>ワークリスト(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Filter cases</source>
        <translation>症例を絞り込む(&amp;F)</translation>
    </message>
    <message>
        <source>Back to worklist</source>
        <translation>ワークリストに戻る</translation>
    </message>
    <message>
        <source>Locked · {root}</source>
        <translation>ロック中 · {root}</translation>
    </message>
    <message>
        <source>passphrase only</source>
        <translation>パスフレーズのみ</translation>
    </message>
    <message>
        <source>passphrase + OS keyring</source>
        <translation>パスフレーズ + OS キーリング</translation>
    </message>
    <message>
        <source>{n} cases · encrypted workspace {root} ({mode}) · locks after {minutes} min idle · Ctrl+L locks now</source>
        <translation>{n} 症例 · 暗号化ワークスペース {root}（{mode}）· 操作がないと {minutes} 分でロック · Ctrl+L で今すぐロック</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>症例を開けません</translation>
    </message>
    <message>
        <source>Import a case package folder or a DICOM folder</source>
        <translation>症例パッケージのフォルダまたは DICOM フォルダを取り込む</translation>
    </message>
    <message>
        <source>Import a case package</source>
        <translation>症例パッケージを取り込む</translation>
    </message>
    <message>
        <source>Case package (*.zip)</source>
        <translation>症例パッケージ (*.zip)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} を取り込んでいます…</translation>
    </message>
    <message>
        <source>Imported case {case}: {files} files</source>
        <translation>症例 {case} を取り込みました: {files} ファイル</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>取り込みを拒否しました</translation>
    </message>
</context>
<context>
    <name>MprView</name>
    <message>
        <source>Window: header</source>
        <translation>ウィンドウ: ヘッダー値</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Crosshair to the centre, planes orthogonal (R)</source>
        <translation>十字線を中心に、断面を直交に戻す(R)</translation>
    </message>
    <message>
        <source>MPR needs a grey-scale volume</source>
        <translation>MPRにはグレースケールのボリュームが必要です</translation>
    </message>
    <message>
        <source>MPR needs a volume: this series is a 2D stack</source>
        <translation>MPRにはボリュームが必要です: このシリーズは2Dスタックです</translation>
    </message>
    <message>
        <source>No volume</source>
        <translation>ボリュームがありません</translation>
    </message>
    <message>
        <source>Crosshair ({x}, {y}, {z}) mm</source>
        <translation>十字線 ({x}, {y}, {z}) mm</translation>
    </message>
    <message>
        <source>oblique</source>
        <translation>斜位断</translation>
    </message>
</context>
<context>
    <name>MprViewport</name>
    <message>
        <source>Imaging: MPR</source>
        <translation>画像: MPR</translation>
    </message>
    <message>
        <source>Move along the plane&apos;s normal</source>
        <translation>断面の法線方向に移動</translation>
    </message>
    <message>
        <source>10 steps</source>
        <translation>10ステップ移動</translation>
    </message>
    <message>
        <source>Reset the planes</source>
        <translation>断面をリセット</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>画面に合わせる</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>白黒反転</translation>
    </message>
    <message>
        <source>CT window presets</source>
        <translation>CTウィンドウプリセット</translation>
    </message>
    <message>
        <source>No volume</source>
        <translation>ボリュームがありません</translation>
    </message>
</context>
<context>
    <name>OpinionCheck</name>
    <message>
        <source>“{label}” is required</source>
        <translation>「{label}」は必須です</translation>
    </message>
    <message>
        <source>“{label}” must be text</source>
        <translation>「{label}」はテキストで入力してください</translation>
    </message>
    <message>
        <source>“{label}”: choose one of the listed options</source>
        <translation>「{label}」: 一覧から選択してください</translation>
    </message>
    <message>
        <source>“{label}” must be a date (YYYY-MM-DD)</source>
        <translation>「{label}」は日付（YYYY-MM-DD）で入力してください</translation>
    </message>
    <message>
        <source>“{label}” must be a list of texts</source>
        <translation>「{label}」はテキストのリストで入力してください</translation>
    </message>
    <message>
        <source>“{label}”: {n} value(s) are not among the listed options</source>
        <translation>「{label}」: {n} 個の値が選択肢にありません</translation>
    </message>
    <message>
        <source>“{label}” must be yes or no</source>
        <translation>「{label}」は「はい」か「いいえ」で答えてください</translation>
    </message>
    <message>
        <source>“{label}” must be a list of rows</source>
        <translation>「{label}」は行のリストで入力してください</translation>
    </message>
    <message>
        <source>“{label}”, row {i}: unknown column {column}</source>
        <translation>「{label}」{i} 行目: 不明な列 {column}</translation>
    </message>
    <message>
        <source>“{label}”, row {i}: “{column}” must be text</source>
        <translation>「{label}」{i} 行目: 「{column}」はテキストで入力してください</translation>
    </message>
    <message>
        <source>“{label}”, row {i}: “{column}” is required</source>
        <translation>「{label}」{i} 行目: 「{column}」は必須です</translation>
    </message>
    <message>
        <source>The opinion is for {specialty} but the template is for {expected}</source>
        <translation>意見書の診療科は {specialty} ですが、テンプレートは {expected} 用です</translation>
    </message>
    <message>
        <source>The field {field} is not in the {title} template</source>
        <translation>項目 {field} は {title} テンプレートにありません</translation>
    </message>
    <message>
        <source>“{heading}”: choose a {scale} category</source>
        <translation>「{heading}」: {scale} の区分を選択してください</translation>
    </message>
    <message>
        <source>“{heading}”: {choice} is not a {scale} category</source>
        <translation>「{heading}」: {choice} は {scale} の区分ではありません</translation>
    </message>
    <message>
        <source>“{heading}”: explain the discrepancy in the comment</source>
        <translation>「{heading}」: 不一致の理由をコメントに記載してください</translation>
    </message>
    <message>
        <source>“{heading}”: question {i} of the case has no answer slot</source>
        <translation>「{heading}」: 症例の質問 {i} に回答欄がありません</translation>
    </message>
    <message>
        <source>“{heading}”: answer question {i}</source>
        <translation>「{heading}」: 質問 {i} に回答してください</translation>
    </message>
    <message>
        <source>“{heading}”: add at least one image</source>
        <translation>「{heading}」: 画像を 1 枚以上追加してください</translation>
    </message>
    <message>
        <source>“{heading}”: image {i} no longer exists in the case</source>
        <translation>「{heading}」: 画像 {i} は症例にもう存在しません</translation>
    </message>
    <message>
        <source>“{heading}”: say whether the diagnosis changed</source>
        <translation>「{heading}」: 診断が変わったかどうかを記載してください</translation>
    </message>
    <message>
        <source>“{heading}”: say whether the treatment changed</source>
        <translation>「{heading}」: 治療方針が変わったかどうかを記載してください</translation>
    </message>
    <message>
        <source>“{heading}”: say whether surgery was avoided or changed (or not applicable)</source>
        <translation>「{heading}」: 手術が回避または変更されたか（または該当なし）を記載してください</translation>
    </message>
    <message>
        <source>An addendum needs the reason for the change</source>
        <translation>追補には変更理由が必要です</translation>
    </message>
</context>
<context>
    <name>OpinionController</name>
    <message>
        <source>&amp;Opinion editor</source>
        <translation>意見書エディタ(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Sign the opinion…</source>
        <translation>意見書に署名(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Opinion</source>
        <translation>意見書(&amp;O)</translation>
    </message>
    <message>
        <source>Draft · editing…</source>
        <translation>下書き · 編集中…</translation>
    </message>
    <message>
        <source>The draft was not saved</source>
        <translation>下書きを保存できませんでした</translation>
    </message>
    <message>
        <source>addendum</source>
        <translation>追補</translation>
    </message>
    <message>
        <source>report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Signed %1, version %2, by %3 on %4. Read-only; “Addendum…” amends it.</source>
        <translation>署名済み%1、版 %2、署名者 %3、%4。読み取り専用です。「追補…」で修正できます。</translation>
    </message>
    <message>
        <source>Addendum draft to version %1</source>
        <translation>版 %1 への追補の下書き</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>saved %1, encrypted in the workspace</source>
        <translation>%1 に保存済み(ワークスペース内で暗号化)</translation>
    </message>
    <message>
        <source>new; saved as soon as you type</source>
        <translation>新規。入力するとすぐに保存されます</translation>
    </message>
    <message>
        <source>saved, encrypted in the workspace</source>
        <translation>保存済み(ワークスペース内で暗号化)</translation>
    </message>
    <message>
        <source>Not queued for submission.</source>
        <translation>提出キューに入っていません。</translation>
    </message>
    <message>
        <source>Queued for submission to the platform (sent at the next sync).</source>
        <translation>プラットフォームへの提出キューに登録済み(次回の同期で送信)。</translation>
    </message>
    <message>
        <source>Submitted to the platform.</source>
        <translation>プラットフォームに提出済み。</translation>
    </message>
    <message>
        <source>The platform rejected the submission.</source>
        <translation>プラットフォームが提出を拒否しました。</translation>
    </message>
    <message>
        <source>The key images cannot be listed</source>
        <translation>キー画像を一覧表示できません</translation>
    </message>
    <message numerus="yes">
        <source>Draft preview · %n page(s)</source>
        <translation>
            <numerusform>下書きのプレビュー · %n ページ</numerusform>
        </translation>
    </message>
    <message>
        <source>The preview cannot be drawn: %1</source>
        <translation>プレビューを表示できません: %1</translation>
    </message>
    <message>
        <source>Signed version %1 (as stored)</source>
        <translation>署名済みの版 %1(保存されたもの)</translation>
    </message>
    <message>
        <source>The template cannot be used</source>
        <translation>このテンプレートは使用できません</translation>
    </message>
    <message>
        <source>Change the template</source>
        <translation>テンプレートを変更</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) of this draft are not in the %1 template and will be removed. Continue?</source>
        <translation>
            <numerusform>この下書きの %n 個の項目は %1 テンプレートにないため削除されます。続けますか?</numerusform>
        </translation>
    </message>
    <message>
        <source>No signing identity</source>
        <translation>署名用の証明書がありません</translation>
    </message>
    <message>
        <source>This workspace has no signing identity (an X.509 certificate with its key).

Import yours from a PKCS#12 file:
    reviewer identity import FILE.p12 --credentials &quot;MD, …&quot;
or register a smart card or token:
    reviewer identity add-pkcs11 --module … --token … --key …
For testing only, create a self-signed one:
    reviewer identity create-test

Your draft is saved; sign again once the identity is there.</source>
        <translation>このワークスペースには署名用の証明書(X.509 証明書と秘密鍵)がありません。

PKCS#12 ファイルから取り込む:
    reviewer identity import FILE.p12 --credentials &quot;MD, …&quot;
またはスマートカード・トークンを登録する:
    reviewer identity add-pkcs11 --module … --token … --key …
テスト専用の自己署名証明書を作る:
    reviewer identity create-test

下書きは保存されています。証明書を用意してから署名してください。</translation>
    </message>
    <message>
        <source>Signed version %1; queued for submission to the platform.</source>
        <translation>版 %1 に署名しました。プラットフォームへの提出キューに登録しました。</translation>
    </message>
    <message>
        <source>Signed version %1; not queued for submission: %2</source>
        <translation>版 %1 に署名しました。提出キューに登録できませんでした: %2</translation>
    </message>
    <message>
        <source>The addendum cannot be started</source>
        <translation>追補を開始できません</translation>
    </message>
</context>
<context>
    <name>OpinionEditor</name>
    <message>
        <source>Report template (specialty and language)</source>
        <translation>レポートテンプレート(診療科と言語)</translation>
    </message>
    <message>
        <source>Insert key images…</source>
        <translation>キー画像を挿入…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>Show or hide the live PDF preview</source>
        <translation>PDF のライブプレビューを表示/非表示</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>署名…</translation>
    </message>
    <message>
        <source>Review the PDF and sign it (Ctrl+Shift+S)</source>
        <translation>PDF を確認して署名(Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Addendum…</source>
        <translation>追補…</translation>
    </message>
    <message>
        <source>Amend the signed report with a new signed version that cites it</source>
        <translation>署名済みレポートを引用する新しい署名版で修正</translation>
    </message>
    <message>
        <source>The preview of the report appears here.</source>
        <translation>レポートのプレビューがここに表示されます。</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>意見書</translation>
    </message>
    <message>
        <source>Open a case to write its opinion.</source>
        <translation>症例を開いて意見書を作成してください。</translation>
    </message>
    <message>
        <source>Oncology</source>
        <translation>腫瘍内科</translation>
    </message>
    <message>
        <source>Pathology</source>
        <translation>病理</translation>
    </message>
    <message>
        <source>Radiology</source>
        <translation>放射線科</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message numerus="yes">
        <source>Before signing, complete (%n item(s)):</source>
        <translation>
            <numerusform>署名の前に入力してください(%n 項目):</numerusform>
        </translation>
    </message>
    <message>
        <source>Complete: ready to sign.</source>
        <translation>入力完了: 署名できます。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>One item per line</source>
        <translation>1行に1項目</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 選択 —</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>行を追加</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>行を削除</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>追補</translation>
    </message>
    <message>
        <source>Amends signed version %1, SHA-256 %2…</source>
        <translation>署名済みの版 %1(SHA-256 %2…)を修正</translation>
    </message>
    <message>
        <source>Reason for the addendum</source>
        <translation>追補の理由</translation>
    </message>
    <message>
        <source>Required when there is a discrepancy</source>
        <translation>不一致がある場合は必須</translation>
    </message>
    <message>
        <source>The case asks no questions.</source>
        <translation>この症例には質問がありません。</translation>
    </message>
    <message>
        <source>Images in the report</source>
        <translation>レポート内の画像</translation>
    </message>
    <message>
        <source>None yet: “Insert key images…” adds them.</source>
        <translation>まだありません: 「キー画像を挿入…」で追加できます。</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(未入力)</translation>
    </message>
    <message>
        <source>Caption in the report</source>
        <translation>レポートでのキャプション</translation>
    </message>
    <message>
        <source>Remove this image from the report (it stays in the case)</source>
        <translation>この画像をレポートから外す(症例には残ります)</translation>
    </message>
</context>
<context>
    <name>Overlay</name>
    <message>
        <source>female</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男性</translation>
    </message>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Location {mm} mm</source>
        <translation>位置 {mm} mm</translation>
    </message>
    <message>
        <source>Spacing {mm} mm</source>
        <translation>間隔 {mm} mm</translation>
    </message>
    <message>
        <source>Born {date}  {sex}</source>
        <translation>生年月日 {date}  {sex}</translation>
    </message>
    <message>
        <source>Born {date}</source>
        <translation>生年月日 {date}</translation>
    </message>
</context>
<context>
    <name>PageWidget</name>
    <message>
        <source>Page {n}…</source>
        <translation>{n} ページ…</translation>
    </message>
</context>
<context>
    <name>PatientBanner</name>
    <message>
        <source>{date} ({age} y)</source>
        <translation>{date}（{age} 歳）</translation>
    </message>
    <message>
        <source>Born {born}   ·   Sex {sex}   ·   MRN {mrn}</source>
        <translation>生年月日 {born}   ·   性別 {sex}   ·   患者ID {mrn}</translation>
    </message>
</context>
<context>
    <name>ReportErrors</name>
    <message>
        <source>Cannot read a secret from {path}</source>
        <translation>{path} から秘密情報を読み込めません</translation>
    </message>
    <message>
        <source>{p12}: cannot be read</source>
        <translation>{p12}: 読み込めません</translation>
    </message>
    <message>
        <source>No token PIN: use --pin-file or REVIEWER_PIN</source>
        <translation>トークンの PIN がありません。--pin-file または REVIEWER_PIN を使用してください</translation>
    </message>
    <message>
        <source>No case {platform_case_id} in this workspace</source>
        <translation>このワークスペースに症例 {platform_case_id} はありません</translation>
    </message>
    <message>
        <source>{opinion}: cannot be read</source>
        <translation>{opinion}: 読み込めません</translation>
    </message>
    <message>
        <source>{pdf}: cannot be read</source>
        <translation>{pdf}: 読み込めません</translation>
    </message>
    <message>
        <source>This identity is on a PKCS#11 token: give its PIN (--pin-file or REVIEWER_PIN)</source>
        <translation>この署名者 ID は PKCS#11 トークン上にあります。PIN を指定してください（--pin-file または REVIEWER_PIN）</translation>
    </message>
    <message>
        <source>{pdf}: no such file</source>
        <translation>{pdf}: ファイルがありません</translation>
    </message>
    <message>
        <source>{t}: no such certificate file</source>
        <translation>{t}: 証明書ファイルがありません</translation>
    </message>
    <message>
        <source>A --trust file is not a certificate (PEM or DER)</source>
        <translation>--trust のファイルが証明書（PEM または DER）ではありません</translation>
    </message>
    <message>
        <source>This opinion is signed and cannot change; start an addendum to amend it</source>
        <translation>この意見書は署名済みのため変更できません。修正するには追記を作成してください</translation>
    </message>
    <message>
        <source>The draft belongs to another report id</source>
        <translation>この下書きは別のレポート ID のものです</translation>
    </message>
    <message>
        <source>No signed report version {version_id}</source>
        <translation>署名済みレポートのバージョン {version_id} はありません</translation>
    </message>
    <message>
        <source>The signed report version {version_id} does not match its recorded hash</source>
        <translation>署名済みレポートのバージョン {version_id} が記録されたハッシュと一致しません</translation>
    </message>
    <message>
        <source>The PDF was rendered as version {version}; the next version is {expected}</source>
        <translation>PDF はバージョン {version} として作成されましたが、次のバージョンは {expected} です</translation>
    </message>
    <message>
        <source>This report is already signed; a change must be an addendum</source>
        <translation>このレポートはすでに署名済みです。変更は追記として行ってください</translation>
    </message>
    <message>
        <source>The addendum does not cite the latest signed version</source>
        <translation>追記が最新の署名済みバージョンを引用していません</translation>
    </message>
    <message>
        <source>An addendum needs a signed version to amend</source>
        <translation>追記には修正対象となる署名済みバージョンが必要です</translation>
    </message>
    <message>
        <source>Nothing is signed yet: edit the draft instead of starting an addendum</source>
        <translation>まだ何も署名されていません。追記ではなく下書きを編集してください</translation>
    </message>
    <message>
        <source>{where}: not an opinion document (format must be {format!r})</source>
        <translation>{where}: 意見書ではありません（format は {format!r} である必要があります）</translation>
    </message>
    <message>
        <source>{where}: opinion format version {version!r}; this program reads {format_version}</source>
        <translation>{where}: 意見書の形式バージョンは {version!r} ですが、このプログラムが読めるのは {format_version} です</translation>
    </message>
    <message>
        <source>{where}: fields: keys must be strings</source>
        <translation>{where}: fields のキーは文字列である必要があります</translation>
    </message>
    <message>
        <source>{where}: outcome.surgery must be one of {join} or empty</source>
        <translation>{where}: outcome.surgery は {join} のいずれかまたは空である必要があります</translation>
    </message>
    <message>
        <source>{where}: addendum.cites_sha256 must be 64 lowercase hex digits</source>
        <translation>{where}: addendum.cites_sha256 は小文字 16 進数 64 桁である必要があります</translation>
    </message>
    <message>
        <source>{where}: not valid JSON (line {line})</source>
        <translation>{where}: 有効な JSON ではありません（{line} 行目）</translation>
    </message>
    <message>
        <source>{where}: must be a JSON object</source>
        <translation>{where}: JSON オブジェクトである必要があります</translation>
    </message>
    <message>
        <source>{where}.{key}: missing</source>
        <translation>{where}.{key}: ありません</translation>
    </message>
    <message>
        <source>{where}.{key}: must be {name}</source>
        <translation>{where}.{key}: {name} である必要があります</translation>
    </message>
    <message>
        <source>The report font {file} is missing from {font_dir}</source>
        <translation>レポート用フォント {file} が {font_dir} にありません</translation>
    </message>
    <message>
        <source>A report image is not a PNG picture</source>
        <translation>レポートの画像が PNG 画像ではありません</translation>
    </message>
    <message>
        <source>A report image of {width}×{height} pixels is out of range</source>
        <translation>{width}×{height} ピクセルのレポート画像は範囲外です</translation>
    </message>
    <message>
        <source>A report image has no pixel data</source>
        <translation>レポートの画像にピクセルデータがありません</translation>
    </message>
    <message>
        <source>The colour profile {name} is missing</source>
        <translation>カラープロファイル {name} がありません</translation>
    </message>
    <message>
        <source>The opinion is for {specialty!r}, the template for {specialty2!r}</source>
        <translation>意見書は {specialty!r} 用ですが、テンプレートは {specialty2!r} 用です</translation>
    </message>
    <message>
        <source>No signing identity {identity_id}</source>
        <translation>署名者 ID {identity_id} はありません</translation>
    </message>
    <message>
        <source>No signing identity in this workspace: `reviewer identity import P12` adds one (`reviewer identity create-test` makes one for testing)</source>
        <translation>このワークスペースには署名者 ID がありません。`reviewer identity import P12` で追加できます（テスト用は `reviewer identity create-test` で作成できます）</translation>
    </message>
    <message>
        <source>The PKCS#12 file cannot be opened: wrong password, or not a PKCS#12 file</source>
        <translation>PKCS#12 ファイルを開けません。パスワードが違うか、PKCS#12 ファイルではありません</translation>
    </message>
    <message>
        <source>The PKCS#12 file holds no private key with its certificate</source>
        <translation>PKCS#12 ファイルに証明書と対になる秘密鍵がありません</translation>
    </message>
    <message>
        <source>The PKCS#11 token {token_label!r} cannot be opened ({name})</source>
        <translation>PKCS#11 トークン {token_label!r} を開けません（{name}）</translation>
    </message>
    <message>
        <source>The key or certificate {key_label!r} is not on the token ({name})</source>
        <translation>鍵または証明書 {key_label!r} がトークン上にありません（{name}）</translation>
    </message>
    <message>
        <source>The PDF cannot be read for signing ({name})</source>
        <translation>署名のために PDF を読み込めません（{name}）</translation>
    </message>
    <message>
        <source>Signing failed ({name}: {exc})</source>
        <translation>署名に失敗しました（{name}: {exc}）</translation>
    </message>
    <message>
        <source>{source}: [{where}] must be a table</source>
        <translation>{source}: [{where}] はテーブルである必要があります</translation>
    </message>
    <message>
        <source>{source}: {path}: {msg}</source>
        <translation>{source}: {path}: {msg}</translation>
    </message>
    <message>
        <source>{source}: labels.{key}: must contain {join}</source>
        <translation>{source}: labels.{key}: {join} を含む必要があります</translation>
    </message>
    <message>
        <source>{source}: concordance.choices: no choice has category &apos;agree&apos;</source>
        <translation>{source}: concordance.choices: category が &apos;agree&apos; の選択肢がありません</translation>
    </message>
    <message>
        <source>{name}: cannot be read ({strerror})</source>
        <translation>{name}: 読み込めません（{strerror}）</translation>
    </message>
    <message>
        <source>{name}: not valid TOML ({exc})</source>
        <translation>{name}: 有効な TOML ではありません（{exc}）</translation>
    </message>
    <message>
        <source>{name}: declares {specialty!r} in {language!r}; name the file {key}.toml</source>
        <translation>{name}: {language!r} の {specialty!r} と宣言されています。ファイル名を {key}.toml にしてください</translation>
    </message>
    <message>
        <source>No report template {specialty}.{language} (available: {have})</source>
        <translation>レポートテンプレート {specialty}.{language} はありません（利用可能: {have}）</translation>
    </message>
    <message>
        <source>The opinion changed after the report was prepared; review it again before signing</source>
        <translation>レポート作成後に意見書が変更されました。署名の前にもう一度確認してください</translation>
    </message>
    <message>
        <source>Another version of this report was signed meanwhile; review it again before signing</source>
        <translation>その間にこのレポートの別のバージョンが署名されました。署名の前にもう一度確認してください</translation>
    </message>
</context>
<context>
    <name>SeriesViewer</name>
    <message>
        <source>Imaging: tools</source>
        <translation>画像: ツール</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>距離</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <source>Ellipse ROI</source>
        <translation>楕円ROI</translation>
    </message>
    <message>
        <source>Rectangle ROI</source>
        <translation>矩形ROI</translation>
    </message>
    <message>
        <source>Arrow with text</source>
        <translation>テキスト付き矢印</translation>
    </message>
    <message>
        <source>Key image: capture this view with its measurements for the report</source>
        <translation>キー画像: 計測を含むこの表示をレポート用に取り込む</translation>
    </message>
    <message>
        <source>DICOM tags of this image</source>
        <translation>この画像のDICOMタグ</translation>
    </message>
    <message>
        <source>Window: header</source>
        <translation>ウィンドウ: ヘッダー値</translation>
    </message>
    <message>
        <source>Window presets (keys 1–8; 0 returns to the header&apos;s window)</source>
        <translation>ウィンドウプリセット(キー1–8、0でヘッダー値に戻る)</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>白黒反転</translation>
    </message>
    <message>
        <source>Invert grey levels (I)</source>
        <translation>階調を反転(I)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>画面に合わせる</translation>
    </message>
    <message>
        <source>Fit to window (F)</source>
        <translation>画面に合わせる(F)</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel (O)</source>
        <translation>等倍表示(O)</translation>
    </message>
    <message>
        <source>▶ Cine</source>
        <translation>▶ シネ</translation>
    </message>
    <message>
        <source>Play through the slices (Space)</source>
        <translation>スライスを連続再生(Space)</translation>
    </message>
    <message>
        <source>Cine speed (+/-)</source>
        <translation>シネ速度(+/-)</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>ナビゲート</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>楕円</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Loading {done} / {total} images…</source>
        <translation>画像 {done} / {total} を読み込み中…</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>矢印</translation>
    </message>
    <message>
        <source>Text of the arrow:</source>
        <translation>矢印のテキスト:</translation>
    </message>
    <message>
        <source>★ Key image</source>
        <translation>★ キー画像</translation>
    </message>
    <message>
        <source>Capture this view with its measurements into the case, for the report (K)</source>
        <translation>計測を含むこの表示を症例に取り込み、レポートに使用(K)</translation>
    </message>
    <message>
        <source>Compare ▾</source>
        <translation>比較 ▾</translation>
    </message>
    <message>
        <source>Show another series of the case beside this one, scrolled together</source>
        <translation>症例の別シリーズを横に並べ、連動してスクロール</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>DICOM tags of this image (T)</source>
        <translation>この画像のDICOMタグ(T)</translation>
    </message>
    <message>
        <source>2D</source>
        <translation>2D</translation>
    </message>
    <message>
        <source>MPR</source>
        <translation>MPR</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <source>colour images</source>
        <translation>カラー画像</translation>
    </message>
    <message>
        <source>a 2D stack ({reason})</source>
        <translation>2Dスタック({reason})</translation>
    </message>
    <message>
        <source>not a volume</source>
        <translation>ボリュームではありません</translation>
    </message>
    <message>
        <source>{view} needs a volume; this series is {why}.</source>
        <translation>{view} にはボリュームが必要です。このシリーズは{why}です。</translation>
    </message>
    <message>
        <source>Tags unavailable ({kind})</source>
        <translation>タグを表示できません({kind})</translation>
    </message>
    <message>
        <source>Loading {title}…</source>
        <translation>{title} を読み込み中…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>ボリューム</translation>
    </message>
    <message>
        <source>2D stack</source>
        <translation>2Dスタック</translation>
    </message>
    <message>
        <source>{n} images · {cols}×{rows} · {kind}</source>
        <translation>{n} 画像 · {cols}×{rows} · {kind}</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>表示できません</translation>
    </message>
</context>
<context>
    <name>SeriesWarning</name>
    <message>
        <source>the image has no patient position or orientation; shown as a 2D stack in file order, without measurements across slices</source>
        <translation>画像に患者の位置・向きの情報がありません。ファイル順の2Dスタックとして表示し、スライス間の計測はできません</translation>
    </message>
    <message>
        <source>the images have no patient position or orientation; shown as a 2D stack in file order, without measurements across slices</source>
        <translation>画像に患者の位置・向きの情報がありません。ファイル順の2Dスタックとして表示し、スライス間の計測はできません</translation>
    </message>
    <message>
        <source>a single image, not a volume; shown as a 2D image</source>
        <translation>1枚の画像でありボリュームではありません。2D画像として表示します</translation>
    </message>
    <message>
        <source>all {n} images share the same position (repeated or timed acquisitions), not a volume; shown as a 2D stack</source>
        <translation>{n} 枚すべての画像が同じ位置です(反復または経時撮像)。ボリュームではないため2Dスタックとして表示します</translation>
    </message>
    <message>
        <source>{k} image repeats the position of another; not a volume, shown as a 2D stack</source>
        <translation>{k} 枚の画像が他の画像と同じ位置です。ボリュームではないため2Dスタックとして表示します</translation>
    </message>
    <message>
        <source>{k} images repeat the position of another; not a volume, shown as a 2D stack</source>
        <translation>{k} 枚の画像が他の画像と同じ位置です。ボリュームではないため2Dスタックとして表示します</translation>
    </message>
    <message>
        <source>1 gap is wider</source>
        <translation>1か所の間隔が広くなっています</translation>
    </message>
    <message>
        <source>{gaps} gaps are wider</source>
        <translation>{gaps} か所の間隔が広くなっています</translation>
    </message>
    <message>
        <source>1 slice missing: the spacing is {step} mm but {wider} (inconsistent slice increment); shown as a 2D stack, distances across the gap are not to scale</source>
        <translation>スライスが1枚欠落しています: 間隔は {step} mm ですが、{wider}(スライス間隔が不均一)。2Dスタックとして表示し、欠落部をまたぐ距離は正確ではありません</translation>
    </message>
    <message>
        <source>{missing} slices missing: the spacing is {step} mm but {wider} (inconsistent slice increment); shown as a 2D stack, distances across the gap are not to scale</source>
        <translation>スライスが {missing} 枚欠落しています: 間隔は {step} mm ですが、{wider}(スライス間隔が不均一)。2Dスタックとして表示し、欠落部をまたぐ距離は正確ではありません</translation>
    </message>
    <message>
        <source>irregular slice spacing (inconsistent slice increment) from {low} to {high} mm; shown as a 2D stack, distances across slices are not to scale</source>
        <translation>スライス間隔が不規則です({low}〜{high} mm)。2Dスタックとして表示し、スライス間の距離は正確ではありません</translation>
    </message>
    <message>
        <source>gantry tilt of {angle}°: slices are shifted against each other (sheared volume); shown as a 2D stack, the affine keeps the true slice positions</source>
        <translation>ガントリ傾斜 {angle}°: スライスが互いにずれています(せん断されたボリューム)。2Dスタックとして表示し、実際のスライス位置は保持されます</translation>
    </message>
    <message>
        <source>only {n} slices, too few for a volume; shown as a 2D stack</source>
        <translation>スライスが {n} 枚のみでボリュームには足りません。2Dスタックとして表示します</translation>
    </message>
    <message>
        <source>stack</source>
        <translation>スタック</translation>
    </message>
    <message>
        <source>image type</source>
        <translation>画像タイプ</translation>
    </message>
    <message>
        <source>echo</source>
        <translation>エコー</translation>
    </message>
    <message>
        <source>time point</source>
        <translation>時相</translation>
    </message>
    <message>
        <source>acquisition</source>
        <translation>収集</translation>
    </message>
    <message>
        <source>rescale</source>
        <translation>リスケール</translation>
    </message>
    <message>
        <source>localizer (scout) images, not a volume; shown as a 2D stack</source>
        <translation>位置決め(スカウト)画像でありボリュームではありません。2Dスタックとして表示します</translation>
    </message>
    <message>
        <source>the series mixes images of different sizes ({sizes}); shown as {n} separate stacks</source>
        <translation>シリーズに異なるサイズの画像が混在しています({sizes})。{n} 個の別々のスタックとして表示します</translation>
    </message>
    <message>
        <source>the series mixes {n} slice orientations; split into {n} stacks, one per orientation</source>
        <translation>シリーズに {n} 種類の断面方向が混在しています。方向ごとに {n} 個のスタックに分けました</translation>
    </message>
    <message>
        <source>the series holds {n} acquisitions at the same positions (different {by}); shown as {n} stacks</source>
        <translation>シリーズには同じ位置の撮像が {n} 回分あります({by}が異なる)。{n} 個のスタックとして表示します</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Application</source>
        <translation>アプリケーション</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Search shortcuts…</source>
        <translation>ショートカットを検索…</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>機能</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Sign the report</source>
        <translation>レポートに署名</translation>
    </message>
    <message>
        <source>Preparing the report to sign…</source>
        <translation>署名するレポートを準備中…</translation>
    </message>
    <message>
        <source>TEST IDENTITY — NOT FOR CLINICAL USE. This signature has no legal value.</source>
        <translation>テスト用証明書 — 臨床使用不可。この署名に法的効力はありません。</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>トークンの PIN</translation>
    </message>
    <message>
        <source>Workspace passphrase</source>
        <translation>ワークスペースのパスフレーズ</translation>
    </message>
    <message>
        <source>Type it again to sign</source>
        <translation>署名のためにもう一度入力してください</translation>
    </message>
    <message>
        <source>The PIN of the token</source>
        <translation>トークンの PIN</translation>
    </message>
    <message>
        <source>By typing your %1 and pressing Sign you sign this report as shown, page by page. A signed version cannot be changed; later changes are signed addenda.</source>
        <translation>%1 を入力して「署名」を押すと、表示されたとおりのこのレポートに全ページ署名します。署名済みの版は変更できません。後の変更は署名付きの追補になります。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>署名者</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Issued by %1</source>
        <translation>発行者 %1</translation>
    </message>
    <message>
        <source>Valid %1</source>
        <translation>有効期間 %1</translation>
    </message>
    <message>
        <source>Key on a PKCS#11 token</source>
        <translation>PKCS#11 トークン上の鍵</translation>
    </message>
    <message>
        <source>Key kept encrypted in the workspace</source>
        <translation>ワークスペース内で暗号化して保管された鍵</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <source>Version %1 · %2 page(s)</source>
        <translation>版 %1 · %2 ページ</translation>
    </message>
    <message>
        <source>What you sign: version %1</source>
        <translation>署名する内容: 版 %1</translation>
    </message>
    <message>
        <source>The opinion cannot be signed yet. Complete:</source>
        <translation>意見書はまだ署名できません。次を入力してください:</translation>
    </message>
    <message>
        <source>Not prepared: required parts are missing</source>
        <translation>未準備: 必須項目が不足しています</translation>
    </message>
    <message>
        <source>Nothing to sign until the opinion is complete.</source>
        <translation>意見書が完成するまで署名するものはありません。</translation>
    </message>
    <message>
        <source>Not prepared</source>
        <translation>未準備</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>署名中…</translation>
    </message>
</context>
<context>
    <name>SliceView</name>
    <message>
        <source>Imaging: 2D view</source>
        <translation>画像: 2D表示</translation>
    </message>
    <message>
        <source>Previous / next slice</source>
        <translation>前/次のスライス</translation>
    </message>
    <message>
        <source>10 slices back / forward</source>
        <translation>10スライス戻る/進む</translation>
    </message>
    <message>
        <source>First / last slice</source>
        <translation>最初/最後のスライス</translation>
    </message>
    <message>
        <source>CT window presets</source>
        <translation>CTウィンドウプリセット</translation>
    </message>
    <message>
        <source>The header&apos;s window</source>
        <translation>ヘッダーのウィンドウ値</translation>
    </message>
    <message>
        <source>Window / level (navigate tool)</source>
        <translation>ウィンドウ/レベル(ナビゲートツール)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>拡大縮小</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>移動</translation>
    </message>
    <message>
        <source>Invert grey levels</source>
        <translation>階調を反転</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>画面に合わせる</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>等倍表示</translation>
    </message>
    <message>
        <source>Cine on / off</source>
        <translation>シネのオン/オフ</translation>
    </message>
    <message>
        <source>Cine faster / slower</source>
        <translation>シネを速く/遅く</translation>
    </message>
    <message>
        <source>Delete the selected measurement</source>
        <translation>選択した計測を削除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Cancel the measurement being drawn</source>
        <translation>描画中の計測を取り消す</translation>
    </message>
    <message>
        <source>No series loaded</source>
        <translation>シリーズが読み込まれていません</translation>
    </message>
    <message>
        <source>Image {n} / {total}</source>
        <translation>画像 {n} / {total}</translation>
    </message>
    <message>
        <source>inverted</source>
        <translation>反転</translation>
    </message>
    <message>
        <source>Zoom {percent}%</source>
        <translation>拡大率 {percent}%</translation>
    </message>
    <message>
        <source>cine {fps} fps</source>
        <translation>シネ {fps} fps</translation>
    </message>
    <message>
        <source>(+{n} more)</source>
        <translation>(他 {n} 件)</translation>
    </message>
</context>
<context>
    <name>SlideErrors</name>
    <message>
        <source>is not a slide format this workstation reads (Aperio SVS, Hamamatsu NDPI, tiled TIFF, DICOM WSI)</source>
        <translation>このワークステーションで読めるスライド形式（Aperio SVS、Hamamatsu NDPI、タイル TIFF、DICOM WSI）ではありません</translation>
    </message>
    <message>
        <source>the DICOM series holds no VOLUME image (no pyramid level)</source>
        <translation>DICOM シリーズに VOLUME 画像がありません（ピラミッド階層がありません）</translation>
    </message>
    <message>
        <source>{levels_count} pyramid levels is more than allowed</source>
        <translation>ピラミッド階層が {levels_count} あり、上限を超えています</translation>
    </message>
    <message>
        <source>has no {name} image</source>
        <translation>{name} 画像がありません</translation>
    </message>
    <message>
        <source>its {name} image is too large</source>
        <translation>{name} 画像が大きすぎます</translation>
    </message>
    <message>
        <source>its {name} image cannot be decoded ({why})</source>
        <translation>{name} 画像をデコードできません（{why}）</translation>
    </message>
    <message>
        <source>its frame lies beyond the end of the file (the file is truncated)</source>
        <translation>フレームがファイルの終端より後ろにあります（ファイルが途中で切れています）</translation>
    </message>
    <message>
        <source>its frame is cut short (the file is truncated)</source>
        <translation>フレームが途中で切れています（ファイルが途中で切れています）</translation>
    </message>
    <message>
        <source>its frame cannot be decoded ({name})</source>
        <translation>フレームを復号できません（{name}）</translation>
    </message>
    <message>
        <source>its frame decodes to {shape} x {shape2} pixels, smaller than {vw} x {vh}</source>
        <translation>フレームは {shape} x {shape2} ピクセルに復号され、{vw} x {vh} より小さいです</translation>
    </message>
    <message>
        <source>its frame&apos;s fragments are malformed</source>
        <translation>フレームのフラグメントの形式が不正です</translation>
    </message>
    <message>
        <source>is not a readable DICOM file ({why})</source>
        <translation>読み取れる DICOM ファイルではありません（{why}）</translation>
    </message>
    <message>
        <source>is DICOM but not a whole-slide image (VL Whole Slide Microscopy)</source>
        <translation>DICOM ですが全スライド画像（VL Whole Slide Microscopy）ではありません</translation>
    </message>
    <message>
        <source>lacks {keyword}</source>
        <translation>{keyword} がありません</translation>
    </message>
    <message>
        <source>has an invalid {keyword}</source>
        <translation>{keyword} が不正です</translation>
    </message>
    <message>
        <source>has a malformed image header ({name})</source>
        <translation>画像ヘッダーの形式が不正です（{name}）</translation>
    </message>
    <message>
        <source>claims {width} x {height} pixels, beyond what this workstation accepts</source>
        <translation>{width} x {height} ピクセルとされており、このワークステーションで扱える範囲を超えています</translation>
    </message>
    <message>
        <source>has {tw} x {th} tiles of {spp} x {bits}-bit samples, which is not supported</source>
        <translation>{spp} x {bits} ビットサンプルの {tw} x {th} タイルには対応していません</translation>
    </message>
    <message>
        <source>claims {frames} frames, too many</source>
        <translation>フレーム数が {frames} とされており、多すぎます</translation>
    </message>
    <message>
        <source>uses transfer syntax {syntax}, which is not supported for slides</source>
        <translation>転送構文 {syntax} はスライドでは対応していません</translation>
    </message>
    <message>
        <source>stores uncompressed {value} pixels, which is not supported</source>
        <translation>非圧縮の {value} ピクセルを格納しており、対応していません</translation>
    </message>
    <message>
        <source>has no pixel data</source>
        <translation>ピクセルデータがありません</translation>
    </message>
    <message>
        <source>its pixel data is truncated</source>
        <translation>ピクセルデータが途中で切れています</translation>
    </message>
    <message>
        <source>has encapsulated pixel data in an uncompressed transfer syntax</source>
        <translation>非圧縮の転送構文でカプセル化されたピクセルデータがあります</translation>
    </message>
    <message>
        <source>its pixel data is shorter than its frames (the file is truncated)</source>
        <translation>ピクセルデータがフレーム数より短くなっています（ファイルが途中で切れています）</translation>
    </message>
    <message>
        <source>its pixel data does not start with an offset table item</source>
        <translation>ピクセルデータがオフセットテーブルのアイテムで始まっていません</translation>
    </message>
    <message>
        <source>its extended offset table is shorter than its frames</source>
        <translation>拡張オフセットテーブルがフレーム数より短いです</translation>
    </message>
    <message>
        <source>its offset table is shorter than its frames</source>
        <translation>オフセットテーブルがフレーム数より短いです</translation>
    </message>
    <message>
        <source>its offset table is not in increasing order</source>
        <translation>オフセットテーブルが昇順になっていません</translation>
    </message>
    <message>
        <source>its pixel data items are malformed (the file is truncated or damaged)</source>
        <translation>ピクセルデータの項目が不正です（ファイルが途中で切れているか破損しています）</translation>
    </message>
    <message>
        <source>has {offs_count} fragments for {frames} frames and no offset table, which is not supported</source>
        <translation>{frames} フレームに対しフラグメントが {offs_count} 個あり、オフセットテーブルもないため、対応していません</translation>
    </message>
    <message>
        <source>its last frame has too many fragments</source>
        <translation>最後のフレームのフラグメントが多すぎます</translation>
    </message>
    <message>
        <source>is TILED_SPARSE but lacks per-frame positions</source>
        <translation>TILED_SPARSE ですが、フレームごとの位置情報がありません</translation>
    </message>
    <message>
        <source>frame {value} has no plane position</source>
        <translation>フレーム {value} に Plane Position がありません</translation>
    </message>
    <message>
        <source>frame {value} is not on the tile grid, which is not supported</source>
        <translation>フレーム {value} がタイルの格子上になく、対応していません</translation>
    </message>
    <message>
        <source>tile ({col}, {row}) of level {level}: {reason}</source>
        <translation>階層 {level} のタイル ({col}, {row}): {reason}</translation>
    </message>
    <message>
        <source>has no level {level} (it has {levels_count})</source>
        <translation>階層 {level} がありません（階層数 {levels_count}）</translation>
    </message>
    <message>
        <source>a region of {width} x {height} pixels is empty</source>
        <translation>{width} x {height} ピクセルの領域は空です</translation>
    </message>
    <message>
        <source>a region of {width} x {height} pixels is larger than the {max_region_pixels} pixels allowed at once</source>
        <translation>{width} x {height} ピクセルの領域は、一度に扱える {max_region_pixels} ピクセルを超えています</translation>
    </message>
    <message>
        <source>is closed</source>
        <translation>閉じられています</translation>
    </message>
    <message>
        <source>is a folder without DICOM slide files</source>
        <translation>DICOM スライドファイルのないフォルダです</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>ファイルがありません</translation>
    </message>
    <message>
        <source>OpenSlide cannot read it ({why})</source>
        <translation>OpenSlide で読み込めません（{why}）</translation>
    </message>
    <message>
        <source>level {i} claims {w} x {h} pixels, too many</source>
        <translation>階層 {i} は {w} x {h} ピクセルとされており、多すぎます</translation>
    </message>
    <message>
        <source>OpenSlide cannot read it ({name})</source>
        <translation>OpenSlide で読み込めません（{name}）</translation>
    </message>
    <message>
        <source>is a folder, not a slide file</source>
        <translation>スライドファイルではなくフォルダです</translation>
    </message>
    <message>
        <source>cannot be opened ({why})</source>
        <translation>開けません（{why}）</translation>
    </message>
    <message>
        <source>is not a readable TIFF file ({why})</source>
        <translation>読み取れる TIFF ファイルではありません（{why}）</translation>
    </message>
    <message>
        <source>has a broken TIFF structure ({why})</source>
        <translation>TIFF の構造が壊れています（{why}）</translation>
    </message>
    <message>
        <source>level {index} claims {w} x {h} pixels, beyond the {max_side} pixels per side this workstation accepts</source>
        <translation>階層 {index} は {w} x {h} ピクセルとされており、このワークステーションで扱える 1 辺 {max_side} ピクセルを超えています</translation>
    </message>
    <message>
        <source>level {index} has {ntw} x {nth} pixel tiles, beyond the {max_tile_pixels} pixels per tile this workstation accepts</source>
        <translation>階層 {index} のタイルは {ntw} x {nth} ピクセルで、このワークステーションで扱える 1 タイル {max_tile_pixels} ピクセルを超えています</translation>
    </message>
    <message>
        <source>level {index} stores its colour planes separately, which is not supported</source>
        <translation>階層 {index} は色プレーンを分離して格納しており、対応していません</translation>
    </message>
    <message>
        <source>level {index} has {value} tiles, too many</source>
        <translation>階層 {index} のタイル数は {value} で、多すぎます</translation>
    </message>
    <message>
        <source>level {index} lists fewer tiles than its size needs</source>
        <translation>階層 {index} のタイル数がサイズに対して不足しています</translation>
    </message>
    <message>
        <source>level {index} has a sample format that is not supported</source>
        <translation>階層 {index} のサンプル形式には対応していません</translation>
    </message>
    <message>
        <source>its {count} compressed bytes exceed the {max_tile_bytes} allowed</source>
        <translation>圧縮データ {count} バイトが上限の {max_tile_bytes} バイトを超えています</translation>
    </message>
    <message>
        <source>its data lies beyond the end of the file (the file is truncated)</source>
        <translation>データがファイルの終端より後ろにあります（ファイルが途中で切れています）</translation>
    </message>
    <message>
        <source>its data is cut short (the file is truncated)</source>
        <translation>データが途中で切れています（ファイルが途中で切れています）</translation>
    </message>
    <message>
        <source>it cannot be decoded ({why})</source>
        <translation>復号できません（{why}）</translation>
    </message>
    <message>
        <source>it decodes to {shape} x {shape2} pixels, smaller than its {vw} x {vh} cell</source>
        <translation>{shape} x {shape2} ピクセルに復号され、{vw} x {vh} のセルより小さいです</translation>
    </message>
    <message>
        <source>its {name} image claims {pixels} pixels, too many</source>
        <translation>{name} 画像は {pixels} ピクセルとされており、多すぎます</translation>
    </message>
    <message>
        <source>its {name} image is cut short (the file is truncated)</source>
        <translation>{name} 画像が途中で切れています（ファイルが途中で切れています）</translation>
    </message>
    <message>
        <source>the TIFF file has no images</source>
        <translation>TIFF ファイルに画像がありません</translation>
    </message>
    <message>
        <source>the TIFF file holds no tiled image pyramid</source>
        <translation>TIFF ファイルにタイル化された画像ピラミッドがありません</translation>
    </message>
    <message>
        <source>{levels_count} pyramid levels is more than the {max_levels} allowed</source>
        <translation>ピラミッド階層が {levels_count} あり、上限の {max_levels} を超えています</translation>
    </message>
    <message>
        <source>{name}: has no level {level} (levels 0 to {value})</source>
        <translation>{name}: 階層 {level} がありません（階層は 0〜{value}）</translation>
    </message>
    <message>
        <source>Cannot write {name}: {value}</source>
        <translation>{name} を書き込めません: {value}</translation>
    </message>
    <message>
        <source>JPEG frame header is truncated</source>
        <translation>JPEG フレームヘッダーが途中で切れています</translation>
    </message>
    <message>
        <source>JPEG segment length is invalid</source>
        <translation>JPEG セグメント長が不正です</translation>
    </message>
    <message>
        <source>JPEG 2000 stream has no image header</source>
        <translation>JPEG 2000 ストリームに画像ヘッダーがありません</translation>
    </message>
    <message>
        <source>the compressed tile declares {w} x {h} pixels, more than its {ew} x {eh} grid cell</source>
        <translation>圧縮タイルは {w} x {h} ピクセルと宣言されており、格子のセル {ew} x {eh} を超えています</translation>
    </message>
    <message>
        <source>the compressed tile declares a width of 0</source>
        <translation>圧縮タイルの幅が 0 と宣言されています</translation>
    </message>
    <message>
        <source>JPEG data cannot be decoded ({name})</source>
        <translation>JPEG データを復号できません（{name}）</translation>
    </message>
    <message>
        <source>JPEG 2000 data cannot be decoded ({name})</source>
        <translation>JPEG 2000 データを復号できません（{name}）</translation>
    </message>
    <message>
        <source>{shape} samples per pixel are not an image the viewer can show</source>
        <translation>1 ピクセルあたり {shape} サンプルの画像はビューアーで表示できません</translation>
    </message>
</context>
<context>
    <name>SlideLoader</name>
    <message>
        <source>the slide</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>Slide</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>The label and macro images cannot be shown</source>
        <translation>ラベル画像とマクロ画像を表示できません</translation>
    </message>
    <message>
        <source>The key image was not kept</source>
        <translation>キー画像を保存できませんでした</translation>
    </message>
    <message>
        <source>Key image kept in the case: {caption}</source>
        <translation>キー画像を症例に保存しました: {caption}</translation>
    </message>
</context>
<context>
    <name>SlideView</name>
    <message>
        <source>Unreadable tile</source>
        <translation>読み取れないタイル</translation>
    </message>
    <message>
        <source>zoom {0}</source>
        <translation>倍率 {0}</translation>
    </message>
    <message>
        <source>rotated {0}°</source>
        <translation>{0}° 回転</translation>
    </message>
    <message>
        <source>The annotation change was not saved ({0}).</source>
        <translation>注釈の変更を保存できませんでした({0})。</translation>
    </message>
</context>
<context>
    <name>SlideViewer</name>
    <message>
        <source>Move</source>
        <translation>移動</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Ruler</source>
        <translation>計測</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>楕円</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多角形</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>ブラシ</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>頂点の移動</translation>
    </message>
    <message>
        <source>Add vertex</source>
        <translation>頂点の追加</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>頂点の削除</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前の変更</translation>
    </message>
    <message>
        <source>Set class</source>
        <translation>クラスの設定</translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation>コメントの編集</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Import GeoJSON</source>
        <translation>GeoJSON の取り込み</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>アノテーションを取り込む</translation>
    </message>
    <message>
        <source>Add point</source>
        <translation>点の追加</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>線の追加</translation>
    </message>
    <message>
        <source>Add polyline</source>
        <translation>折れ線の追加</translation>
    </message>
    <message>
        <source>Add rectangle</source>
        <translation>矩形の追加</translation>
    </message>
    <message>
        <source>Add ellipse</source>
        <translation>楕円の追加</translation>
    </message>
    <message>
        <source>Add polygon</source>
        <translation>多角形の追加</translation>
    </message>
    <message>
        <source>Add freehand</source>
        <translation>フリーハンドの追加</translation>
    </message>
    <message>
        <source>Add arrow</source>
        <translation>矢印の追加</translation>
    </message>
    <message>
        <source>Add angle</source>
        <translation>角度の追加</translation>
    </message>
    <message>
        <source>Pathology</source>
        <translation>病理</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>移動</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>拡大縮小</translation>
    </message>
    <message>
        <source>Whole slide</source>
        <translation>スライド全体</translation>
    </message>
    <message>
        <source>Rotate 90° clockwise / back</source>
        <translation>時計回りに90°回転 / 戻す</translation>
    </message>
    <message>
        <source>Move tool</source>
        <translation>移動ツール</translation>
    </message>
    <message>
        <source>Point tool</source>
        <translation>点ツール</translation>
    </message>
    <message>
        <source>Line / ruler tool (µm)</source>
        <translation>線・定規ツール(µm)</translation>
    </message>
    <message>
        <source>Rectangle tool</source>
        <translation>矩形ツール</translation>
    </message>
    <message>
        <source>Ellipse tool</source>
        <translation>楕円ツール</translation>
    </message>
    <message>
        <source>Polygon tool</source>
        <translation>多角形ツール</translation>
    </message>
    <message>
        <source>Brush (freehand) tool</source>
        <translation>ブラシ(フリーハンド)ツール</translation>
    </message>
    <message>
        <source>Square / circle</source>
        <translation>正方形 / 円</translation>
    </message>
    <message>
        <source>Add / remove a vertex</source>
        <translation>頂点を追加 / 削除</translation>
    </message>
    <message>
        <source>Key image: this region with its annotations, for the report</source>
        <translation>キー画像: 注釈を含むこの領域をレポート用に取り込む</translation>
    </message>
    <message>
        <source>Close the polygon being drawn</source>
        <translation>描画中の多角形を閉じる</translation>
    </message>
    <message>
        <source>Cancel the annotation being drawn</source>
        <translation>描画中の注釈を取り消す</translation>
    </message>
    <message>
        <source>Delete the selected annotation</source>
        <translation>選択した注釈を削除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>{0} tool</source>
        <translation>{0}ツール</translation>
    </message>
    <message>
        <source>Class of new annotations (change a drawn one&apos;s class in the list)</source>
        <translation>新しい注釈の分類(描画済みの注釈の分類は一覧で変更)</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>新規:</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Rotate 90°</source>
        <translation>90°回転</translation>
    </message>
    <message>
        <source>Import GeoJSON…</source>
        <translation>GeoJSON を取り込む…</translation>
    </message>
    <message>
        <source>Export GeoJSON…</source>
        <translation>GeoJSON を書き出す…</translation>
    </message>
    <message>
        <source>Key image (K)</source>
        <translation>キー画像 (K)</translation>
    </message>
    <message>
        <source>Label &amp;&amp; macro…</source>
        <translation>ラベルとマクロ…</translation>
    </message>
    <message>
        <source>Rotate 90° clockwise (Ctrl+R; Ctrl+Shift+R turns back)</source>
        <translation>時計回りに90°回転(Ctrl+R、Ctrl+Shift+R で戻す)</translation>
    </message>
    <message>
        <source>Delete the selected annotations (Delete)</source>
        <translation>選択した注釈を削除(Delete)</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>{0} を開いています…</translation>
    </message>
    <message>
        <source>Opening the slide…</source>
        <translation>スライドを開いています…</translation>
    </message>
    <message>
        <source>This slide cannot be shown.</source>
        <translation>このスライドは表示できません。</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>表示できません</translation>
    </message>
    <message>
        <source>No class</source>
        <translation>分類なし</translation>
    </message>
    <message>
        <source>no pixel size</source>
        <translation>ピクセルサイズなし</translation>
    </message>
    <message>
        <source>{0}× scan</source>
        <translation>{0}× スキャン</translation>
    </message>
    <message>
        <source>unknown objective</source>
        <translation>対物倍率不明</translation>
    </message>
    <message>
        <source>{format} · {w} × {h} px · {levels} levels · {mpp} · {power}</source>
        <translation>{format} · {w} × {h} px · {levels} 階層 · {mpp} · {power}</translation>
    </message>
    <message>
        <source>Show the slide&apos;s {0}</source>
        <translation>スライドの{0}を表示</translation>
    </message>
    <message>
        <source>This slide file holds no label, macro or thumbnail</source>
        <translation>このスライドファイルにはラベル・マクロ・サムネイルがありません</translation>
    </message>
    <message>
        <source>Annotation not changed</source>
        <translation>注釈は変更されていません</translation>
    </message>
    <message>
        <source>Annotations not imported</source>
        <translation>アノテーションを取り込めませんでした</translation>
    </message>
    <message>
        <source> ({0} objects skipped)</source>
        <translation>（{0} 個のオブジェクトを除外）</translation>
    </message>
    <message>
        <source>Imported {0} annotations</source>
        <translation>{0} 件のアノテーションを取り込みました</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>アノテーションを書き出す</translation>
    </message>
    <message>
        <source>Annotations not exported</source>
        <translation>アノテーションを書き出せませんでした</translation>
    </message>
    <message>
        <source>Exported {0} annotations</source>
        <translation>{0} 件のアノテーションを書き出しました</translation>
    </message>
</context>
<context>
    <name>SummaryController</name>
    <message>
        <source>Summary</source>
        <translation>サマリー</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>出典: %1</translation>
    </message>
    <message>
        <source>This fact comes from the case manifest (%1); it has no page to open.</source>
        <translation>この事実は症例マニフェスト(%1)に由来するため、開くページがありません。</translation>
    </message>
    <message>
        <source>The decision was not kept</source>
        <translation>判定を保存できませんでした</translation>
    </message>
</context>
<context>
    <name>SummaryErrors</name>
    <message>
        <source>{target}: not a case package folder (unzip a package first)</source>
        <translation>{target}: 症例パッケージのフォルダーではありません（先にパッケージを展開してください）</translation>
    </message>
    <message>
        <source>A decision is about a fact or a flag, not {target_kind!r}</source>
        <translation>判断の対象は所見またはフラグです（{target_kind!r} は不可）</translation>
    </message>
    <message>
        <source>Decision must be one of {join}</source>
        <translation>判断は {join} のいずれかである必要があります</translation>
    </message>
    <message>
        <source>A correction needs the corrected value</source>
        <translation>修正には修正後の値が必要です</translation>
    </message>
    <message>
        <source>Summary cancelled</source>
        <translation>要約を中止しました</translation>
    </message>
    <message>
        <source>not a readable PDF ({name})</source>
        <translation>読み込める PDF ではありません（{name}）</translation>
    </message>
    <message>
        <source>{folder}: not a case package folder</source>
        <translation>{folder}: 症例パッケージのフォルダーではありません</translation>
    </message>
    <message>
        <source>{name}/manifest.json: not valid JSON</source>
        <translation>{name}/manifest.json: 有効な JSON ではありません</translation>
    </message>
    <message>
        <source>No case {ref} in this workspace</source>
        <translation>このワークスペースに症例 {ref} はありません</translation>
    </message>
    <message>
        <source>Summary rule file {name} cannot be read ({name2}: {exc})</source>
        <translation>要約ルールファイル {name} を読み込めません（{name2}: {exc}）</translation>
    </message>
    <message>
        <source>unreadable DICOM ({name})</source>
        <translation>読み込めない DICOM（{name}）</translation>
    </message>
    <message>
        <source>cannot be read ({name})</source>
        <translation>読み込めません（{name}）</translation>
    </message>
    <message>
        <source>not a text record (binary content)</source>
        <translation>テキストの記録ではありません（バイナリ内容）</translation>
    </message>
    <message>
        <source>tesseract is not installed; scanned pages cannot be read</source>
        <translation>tesseract がインストールされていないため、スキャンされたページを読み取れません</translation>
    </message>
    <message>
        <source>tesseract took too long on a page</source>
        <translation>tesseract の 1 ページの処理に時間がかかりすぎました</translation>
    </message>
    <message>
        <source>tesseract failed (exit {returncode})</source>
        <translation>tesseract が失敗しました（終了コード {returncode}）</translation>
    </message>
</context>
<context>
    <name>SummaryFlags</name>
    <message>
        <source>The patient&apos;s {field} differs between sources: {values}. Check that every record and image belongs to this patient.</source>
        <translation>患者の{field}が情報源の間で異なります: {values}。すべての記録と画像がこの患者のものか確認してください。</translation>
    </message>
    <message>
        <source>Records disagree on the side of the {structure}: {values}.</source>
        <translation>{structure}の左右が記録間で一致しません: {values}。</translation>
    </message>
    <message>
        <source>{marker} status differs between records: {values}.</source>
        <translation>{marker}の判定が記録間で異なります: {values}。</translation>
    </message>
    <message>
        <source>HER2 is reported as {status} but the IHC score {score} means {expected}.</source>
        <translation>HER2 は {status} と報告されていますが、IHC スコア {score} は {expected} を意味します。</translation>
    </message>
    <message>
        <source>{drug} ({drug_class}) is planned or given, but the records report {marker} {status}.</source>
        <translation>{drug}（{drug_class}）が予定または投与されていますが、記録では {marker} {status} です。</translation>
    </message>
    <message>
        <source>Stage {stage} does not match {tnm}, which gives stage {expected} ({site}, AJCC 8th edition).</source>
        <translation>病期 {stage} は {tnm} と一致しません。この TNM からは病期 {expected} となります（{site}、AJCC 第8版）。</translation>
    </message>
    <message>
        <source>{t} does not fit a tumour of {size} mm ({site}: {t} is {range}).</source>
        <translation>{t} は {size} mm の腫瘍と合いません（{site}: {t} は {range}）。</translation>
    </message>
    <message>
        <source>{n} does not fit {count} positive lymph node(s) ({site}: {n} means {range} positive nodes).</source>
        <translation>{n} は陽性リンパ節 {count} 個と合いません（{site}: {n} は陽性リンパ節 {range} 個）。</translation>
    </message>
    <message>
        <source>The {part} category differs between records: {values}.</source>
        <translation>{part} 分類が記録間で異なります: {values}。</translation>
    </message>
    <message>
        <source>Gleason {pattern} corresponds to grade group {expected}, but grade group {stated} is reported.</source>
        <translation>Gleason {pattern} はグレードグループ {expected} に相当しますが、グレードグループ {stated} と報告されています。</translation>
    </message>
    <message>
        <source>Gleason {pattern} sums to {expected}, but {stated} is written.</source>
        <translation>Gleason {pattern} の合計は {expected} ですが、{stated} と記載されています。</translation>
    </message>
    <message>
        <source>Nottingham score {score} corresponds to grade {expected}, but grade {stated} is reported.</source>
        <translation>Nottingham スコア {score} はグレード {expected} に相当しますが、グレード {stated} と報告されています。</translation>
    </message>
    <message>
        <source>The histologic grade differs between records: {values}.</source>
        <translation>組織学的グレードが記録間で異なります: {values}。</translation>
    </message>
    <message>
        <source>The report is dated {report} but its specimen was taken on {specimen}: a report cannot precede its specimen.</source>
        <translation>報告書の日付は {report} ですが、検体の採取日は {specimen} です。報告書が検体採取より前になることはありません。</translation>
    </message>
    <message>
        <source>A record dated {doc_date} cites a {study} dated {event_date}, after the record itself.</source>
        <translation>{doc_date} 付の記録が、それより後の {event_date} 付の{study}を引用しています。</translation>
    </message>
    <message>
        <source>A record dated {doc_date} describes {therapy} as already done ({phrase}), but {therapy} only started on {start}.</source>
        <translation>{doc_date} 付の記録は{therapy}を実施済み（{phrase}）としていますが、{therapy}の開始は {start} です。</translation>
    </message>
    <message>
        <source>{test} is reported {status_a} in one record and {status_b} in another.</source>
        <translation>{test} はある記録では {status_a}、別の記録では {status_b} と報告されています。</translation>
    </message>
    <message>
        <source>{diagnosis} is recorded, but {test} is {value} {unit} ({why}).</source>
        <translation>{diagnosis}と記録されていますが、{test} は {value} {unit} です（{why}）。</translation>
    </message>
    <message>
        <source>{what} of {value} is outside the plausible range ({low} to {high} {unit}); it may be a typing or unit error.</source>
        <translation>{what} の値 {value} は妥当な範囲（{low}〜{high} {unit}）外です。入力ミスまたは単位の誤りの可能性があります。</translation>
    </message>
    <message>
        <source>A cancer diagnosis ({diagnosis}) is recorded, but the case has no pathology report and no slides.</source>
        <translation>がんの診断（{diagnosis}）が記録されていますが、症例に病理報告書もスライドもありません。</translation>
    </message>
    <message>
        <source>A {study} dated {date} is cited, but neither its images nor its report are in the case.</source>
        <translation>{date} 付の{study}が引用されていますが、その画像も報告書も症例に含まれていません。</translation>
    </message>
    <message>
        <source> The records present say otherwise: {contradiction}.</source>
        <translation> 症例内の記録はこれと異なります: {contradiction}。</translation>
    </message>
    <message>
        <source>{a} and {b} have the same content{how}.</source>
        <translation>{a} と {b} は同じ内容です{how}。</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>✓ Confirmed</source>
        <translation>✓ 確認済み</translation>
    </message>
    <message>
        <source>✗ Rejected</source>
        <translation>✗ 却下</translation>
    </message>
    <message>
        <source>✎ Corrected to: %1</source>
        <translation>✎ 修正: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Machine-prepared summary.&lt;/b&gt; It can be wrong or incomplete: check each fact against its source (click it) before you rely on it. You remain responsible for the opinion.</source>
        <translation>&lt;b&gt;機械が作成したサマリーです。&lt;/b&gt;誤りや漏れがありえます。利用する前に各事実を出典と照合してください(クリックで表示)。意見書の責任はあなたにあります。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Histology</source>
        <translation>組織型</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>部位</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>左右</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>グレード</translation>
    </message>
    <message>
        <source>Tumour size</source>
        <translation>腫瘍径</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>断端</translation>
    </message>
    <message>
        <source>Lymphovascular invasion</source>
        <translation>脈管侵襲</translation>
    </message>
    <message>
        <source>Gleason score</source>
        <translation>グリーソンスコア</translation>
    </message>
    <message>
        <source>Grade group</source>
        <translation>グレードグループ</translation>
    </message>
    <message>
        <source>Imaging study</source>
        <translation>画像検査</translation>
    </message>
    <message>
        <source>Imaging finding</source>
        <translation>画像所見</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>診断</translation>
    </message>
    <message>
        <source>Hormone receptors</source>
        <translation>ホルモン受容体</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>病期</translation>
    </message>
    <message>
        <source>Lymph nodes</source>
        <translation>リンパ節</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>薬剤</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>処置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <source>Key diagnostic points</source>
        <translation>診断の要点</translation>
    </message>
    <message>
        <source>Diagnoses and problems</source>
        <translation>診断・問題点</translation>
    </message>
    <message>
        <source>Biomarkers</source>
        <translation>バイオマーカー</translation>
    </message>
    <message>
        <source>Staging</source>
        <translation>病期分類</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>検査値</translation>
    </message>
    <message>
        <source>Medications</source>
        <translation>薬剤</translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation>処置</translation>
    </message>
    <message>
        <source>Patient identifiers in the records</source>
        <translation>記録中の患者識別情報</translation>
    </message>
    <message>
        <source>Other facts</source>
        <translation>その他の事実</translation>
    </message>
    <message>
        <source>Identity mismatch</source>
        <translation>患者識別の不一致</translation>
    </message>
    <message>
        <source>Left/right conflict</source>
        <translation>左右の矛盾</translation>
    </message>
    <message>
        <source>Biomarker conflict</source>
        <translation>バイオマーカーの矛盾</translation>
    </message>
    <message>
        <source>Treatment does not fit the biomarkers</source>
        <translation>治療がバイオマーカーと合わない</translation>
    </message>
    <message>
        <source>Stage inconsistency</source>
        <translation>病期の矛盾</translation>
    </message>
    <message>
        <source>Grade inconsistency</source>
        <translation>グレードの矛盾</translation>
    </message>
    <message>
        <source>Dates out of order</source>
        <translation>日付の前後関係の矛盾</translation>
    </message>
    <message>
        <source>Lab result contradicts a diagnosis</source>
        <translation>検査値が診断と矛盾</translation>
    </message>
    <message>
        <source>Implausible value</source>
        <translation>あり得ない値</translation>
    </message>
    <message>
        <source>Missing record</source>
        <translation>記録の欠落</translation>
    </message>
    <message>
        <source>Duplicate record</source>
        <translation>重複した記録</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>%1 image header (%2)</source>
        <translation>%1 画像ヘッダー(%2)</translation>
    </message>
    <message>
        <source>DICOM</source>
        <translation>DICOM</translation>
    </message>
    <message>
        <source>case manifest</source>
        <translation>症例マニフェスト</translation>
    </message>
    <message>
        <source> p. %1</source>
        <translation> %1ページ</translation>
    </message>
    <message>
        <source> (OCR)</source>
        <translation> (OCR)</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>他 %1 件</translation>
    </message>
    <message>
        <source>not present</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>不確実</translation>
    </message>
    <message>
        <source>history</source>
        <translation>既往</translation>
    </message>
    <message>
        <source>family history</source>
        <translation>家族歴</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高値</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低値</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>reference %1</source>
        <translation>基準値 %1</translation>
    </message>
    <message>
        <source>from %1 on %2</source>
        <translation>%2 の %1 から</translation>
    </message>
    <message>
        <source>Open a case to see its summary.</source>
        <translation>症例を開くとサマリーが表示されます。</translation>
    </message>
    <message>
        <source>Preparing the summary in the background…</source>
        <translation>バックグラウンドでサマリーを作成中…</translation>
    </message>
    <message>
        <source>Reading the records</source>
        <translation>記録を読み込み中</translation>
    </message>
    <message>
        <source>Extracting facts</source>
        <translation>事実を抽出中</translation>
    </message>
    <message>
        <source>Checking consistency</source>
        <translation>整合性を確認中</translation>
    </message>
    <message>
        <source>Laying out</source>
        <translation>レイアウト中</translation>
    </message>
    <message>
        <source>%1… (%2 of %3)</source>
        <translation>%1…(%3 件中 %2)</translation>
    </message>
    <message>
        <source>The summary could not be prepared: %1</source>
        <translation>サマリーを作成できませんでした: %1</translation>
    </message>
    <message>
        <source>%1 flags · %2 facts from the records · click a fact to see its source</source>
        <translation>フラグ %1 件 · 記録から抽出した事実 %2 件 · 事実をクリックすると出典を表示</translation>
    </message>
    <message>
        <source>Flags (%1)</source>
        <translation>フラグ(%1)</translation>
    </message>
    <message>
        <source>No inconsistency found by the rules. This does not mean there is none.</source>
        <translation>ルールでは矛盾は見つかりませんでした。矛盾がないことを意味するものではありません。</translation>
    </message>
    <message>
        <source>Questions asked</source>
        <translation>依頼された質問</translation>
    </message>
    <message>
        <source>None given.</source>
        <translation>記載なし。</translation>
    </message>
    <message>
        <source>First opinion</source>
        <translation>初回の意見</translation>
    </message>
    <message>
        <source>Timeline (%1)</source>
        <translation>経過(%1)</translation>
    </message>
    <message>
        <source>Lab results: %1</source>
        <translation>検査結果: %1</translation>
    </message>
    <message>
        <source>Records not read</source>
        <translation>読み込めなかった記録</translation>
    </message>
</context>
<context>
    <name>SummaryTerms</name>
    <message>
        <source>left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>bilateral</source>
        <translation>両側</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>陽性</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>陰性</translation>
    </message>
    <message>
        <source>equivocal</source>
        <translation>判定保留（equivocal）</translation>
    </message>
    <message>
        <source>present</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>close</source>
        <translation>近接</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男性</translation>
    </message>
    <message>
        <source>breast</source>
        <translation>乳房</translation>
    </message>
    <message>
        <source>axilla</source>
        <translation>腋窩</translation>
    </message>
    <message>
        <source>lung</source>
        <translation>肺</translation>
    </message>
    <message>
        <source>colon</source>
        <translation>結腸</translation>
    </message>
    <message>
        <source>kidney</source>
        <translation>腎臓</translation>
    </message>
    <message>
        <source>ovary</source>
        <translation>卵巣</translation>
    </message>
    <message>
        <source>testis</source>
        <translation>精巣</translation>
    </message>
    <message>
        <source>adrenal</source>
        <translation>副腎</translation>
    </message>
    <message>
        <source>hip</source>
        <translation>股関節</translation>
    </message>
    <message>
        <source>knee</source>
        <translation>膝</translation>
    </message>
    <message>
        <source>name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <source>record number (MRN)</source>
        <translation>患者ID（MRN）</translation>
    </message>
    <message>
        <source>Hormone receptor</source>
        <translation>ホルモン受容体</translation>
    </message>
</context>
<context>
    <name>SyncErrors</name>
    <message>
        <source>No platform token in the OS keyring: paste one with `reviewer sync configure --token-stdin`, or configure a client (--token-url, --client-id, --client-secret-stdin)</source>
        <translation>OS キーリングにプラットフォームのトークンがありません。`reviewer sync configure --token-stdin` で貼り付けるか、クライアントを設定してください（--token-url、--client-id、--client-secret-stdin）</translation>
    </message>
    <message>
        <source>The client-credentials grant needs a client id and a client secret: `reviewer sync configure --client-id ID --client-secret-stdin`</source>
        <translation>クライアント認証にはクライアント ID とクライアントシークレットが必要です: `reviewer sync configure --client-id ID --client-secret-stdin`</translation>
    </message>
    <message>
        <source>The token server cannot be reached; working offline</source>
        <translation>トークンサーバーに接続できません。オフラインで作業を続けます</translation>
    </message>
    <message>
        <source>The token server did not answer properly ({why})</source>
        <translation>トークンサーバーが正しく応答しませんでした（{why}）</translation>
    </message>
    <message>
        <source>The token server refused the client credentials (HTTP {status}); check the client id and secret</source>
        <translation>トークンサーバーがクライアント認証を拒否しました（HTTP {status}）。クライアント ID とシークレットを確認してください</translation>
    </message>
    <message>
        <source>The token server answered HTTP {status_code}</source>
        <translation>トークンサーバーが HTTP {status_code} を返しました</translation>
    </message>
    <message>
        <source>The token server&apos;s answer is not an OAuth2 token response</source>
        <translation>トークンサーバーの応答が OAuth2 のトークン応答ではありません</translation>
    </message>
    <message>
        <source>A sync of this workspace is already running</source>
        <translation>このワークスペースの同期はすでに実行中です</translation>
    </message>
    <message>
        <source>Sync cancelled</source>
        <translation>同期を中止しました</translation>
    </message>
    <message>
        <source>{rel} could not be written to the workspace ({strerror})</source>
        <translation>{rel} をワークスペースに書き込めませんでした（{strerror}）</translation>
    </message>
    <message>
        <source>Case {platform_case_id}: {rel} is in no DocumentReference</source>
        <translation>症例 {platform_case_id}: {rel} はどの DocumentReference にも含まれていません</translation>
    </message>
    <message>
        <source>Case {platform_case_id} could not be recorded (already present?)</source>
        <translation>症例 {platform_case_id} を記録できませんでした（すでに存在する可能性があります）</translation>
    </message>
    <message>
        <source>Unknown sync kind {kind!r}; use one of {join}</source>
        <translation>不明な同期の種類 {kind!r} です。{join} のいずれかを使用してください</translation>
    </message>
    <message>
        <source>No platform URL: set it with `reviewer sync configure --platform-url URL`</source>
        <translation>プラットフォームの URL がありません: `reviewer sync configure --platform-url URL` で設定してください</translation>
    </message>
    <message>
        <source>No specialist reference: set it with `reviewer sync configure --owner Practitioner/ID`</source>
        <translation>専門医の参照がありません: `reviewer sync configure --owner Practitioner/ID` で設定してください</translation>
    </message>
    <message>
        <source>Folder exchange needs --inbox and --outbox folders</source>
        <translation>フォルダ経由のやり取りには --inbox と --outbox のフォルダが必要です</translation>
    </message>
    <message>
        <source>--parallel must be between 1 and 32</source>
        <translation>--parallel は 1〜32 で指定してください</translation>
    </message>
    <message>
        <source>The exchange inbox folder {path} is not reachable (drive not mounted?)</source>
        <translation>受信用の交換フォルダ {path} にアクセスできません（ドライブがマウントされていない可能性があります）</translation>
    </message>
    <message>
        <source>The exchange outbox folder {path} is not reachable (drive not mounted?)</source>
        <translation>送信用の交換フォルダ {path} にアクセスできません（ドライブがマウントされていない可能性があります）</translation>
    </message>
    <message>
        <source>Folder exchange imports whole packages; it has no separate files to fetch</source>
        <translation>フォルダー連携ではパッケージ全体を取り込むため、個別に取得するファイルはありません</translation>
    </message>
    <message>
        <source>The exchange outbox could not be written ({name}); will retry</source>
        <translation>連携用の送信トレイに書き込めませんでした（{name}）。再試行します</translation>
    </message>
    <message>
        <source>Nothing was read from stdin; pipe the secret in</source>
        <translation>標準入力から何も読み込めませんでした。秘密情報をパイプで渡してください</translation>
    </message>
    <message>
        <source>The download broke off ({where}: {name})</source>
        <translation>ダウンロードが途中で切断されました（{where}: {name}）</translation>
    </message>
    <message>
        <source>The server answered a range request with the wrong range ({what})</source>
        <translation>サーバーが範囲指定の要求に誤った範囲で応答しました（{what}）</translation>
    </message>
    <message>
        <source>The DICOMweb server sent more than one instance ({what})</source>
        <translation>DICOMweb サーバーが複数のインスタンスを送信しました（{what}）</translation>
    </message>
    <message>
        <source>The platform&apos;s {kind} search did not answer a Bundle</source>
        <translation>プラットフォームの {kind} 検索が Bundle を返しませんでした</translation>
    </message>
    <message>
        <source>Case {platform_case_id}: its Task is no longer on the platform</source>
        <translation>症例 {platform_case_id}: その Task はもうプラットフォーム上にありません</translation>
    </message>
    <message>
        <source>A record of this case (DocumentReference {id}) has neither url nor data</source>
        <translation>この症例の記録（DocumentReference {id}）には url も data もありません</translation>
    </message>
    <message>
        <source>ImagingStudy {id} names no DICOMweb endpoint and none is configured (--dicomweb-url)</source>
        <translation>ImagingStudy {id} に DICOMweb エンドポイントの指定がなく、設定（--dicomweb-url）もありません</translation>
    </message>
    <message>
        <source>ImagingStudy {id} has no Study Instance UID</source>
        <translation>ImagingStudy {id} に Study Instance UID がありません</translation>
    </message>
    <message>
        <source>Unknown transfer source {src!r}</source>
        <translation>不明な転送元 {src!r}</translation>
    </message>
    <message>
        <source>The platform accepted the report but did not say where it is (no id)</source>
        <translation>プラットフォームはレポートを受け付けましたが、保存先を返しませんでした（ID がありません）</translation>
    </message>
    <message>
        <source>Case {platform_case_id}: the platform holds no Task for it</source>
        <translation>症例 {platform_case_id}: プラットフォームにこの症例の Task がありません</translation>
    </message>
    <message>
        <source>The CA bundle {ca_bundle} cannot be read as PEM certificates</source>
        <translation>CA バンドル {ca_bundle} を PEM 証明書として読み込めません</translation>
    </message>
    <message>
        <source>The platform refused the token (HTTP 401 on {where}): it is missing, wrong or expired; paste a new one or check the client credentials</source>
        <translation>プラットフォームがトークンを拒否しました（{where} で HTTP 401）。トークンがないか、誤っているか、期限切れです。新しいトークンを貼り付けるか、クライアント認証情報を確認してください</translation>
    </message>
    <message>
        <source>The platform denied access (HTTP 403 on {where}): this account lacks the permission; ask the platform administrator</source>
        <translation>プラットフォームがアクセスを拒否しました（{where} で HTTP 403）。このアカウントには権限がありません。プラットフォームの管理者に問い合わせてください</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP {s} on {where}); try again later</source>
        <translation>サーバーで問題が発生しました（{where} で HTTP {s}）。しばらくしてから再試行してください</translation>
    </message>
    <message>
        <source>The server redirected {where} (HTTP {s}); check the configured URL</source>
        <translation>サーバーが {where} をリダイレクトしました（HTTP {s}）。設定された URL を確認してください</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP {s} on {where})</source>
        <translation>サーバーが要求を拒否しました（{where} で HTTP {s}）</translation>
    </message>
    <message>
        <source>TLS certificate of {hostname} could not be verified; configure its CA with `reviewer sync configure --ca-bundle PEM`</source>
        <translation>{hostname} の TLS 証明書を検証できませんでした。`reviewer sync configure --ca-bundle PEM` で CA を設定してください</translation>
    </message>
    <message>
        <source>The server cannot be reached ({where}); working offline</source>
        <translation>サーバーに接続できません（{where}）。オフラインで作業を続けます</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>タイムアウトしました</translation>
    </message>
    <message>
        <source>broke the connection</source>
        <translation>接続を切断しました</translation>
    </message>
    <message>
        <source>The server {kind} ({where}) after {attempts} attempts; try again later</source>
        <translation>{attempts} 回試行しましたが、サーバーが{kind}（{where}）。しばらくしてから再試行してください</translation>
    </message>
    <message>
        <source>The server sent a body that is not JSON ({what})</source>
        <translation>サーバーが JSON ではない本文を送信しました（{what}）</translation>
    </message>
    <message>
        <source>The server sent JSON that is not a FHIR resource ({what})</source>
        <translation>サーバーが FHIR リソースではない JSON を送信しました（{what}）</translation>
    </message>
    <message>
        <source>The DICOMweb server answered {content_type}, not multipart/related</source>
        <translation>DICOMweb サーバーの応答が multipart/related ではなく {content_type} でした</translation>
    </message>
    <message>
        <source>The DICOMweb server&apos;s multipart answer has no boundary</source>
        <translation>DICOMweb サーバーのマルチパート応答に境界がありません</translation>
    </message>
    <message>
        <source>The DICOMweb answer holds no multipart boundary</source>
        <translation>DICOMweb の応答にマルチパートの境界がありません</translation>
    </message>
    <message>
        <source>The DICOMweb answer ends inside a boundary line</source>
        <translation>DICOMweb の応答が境界行の途中で終わっています</translation>
    </message>
    <message>
        <source>The DICOMweb answer has unreadable part headers</source>
        <translation>DICOMweb の応答のパートヘッダーを読み込めません</translation>
    </message>
    <message>
        <source>The DICOMweb answer holds a part that is not application/dicom</source>
        <translation>DICOMweb の応答に application/dicom ではないパートがあります</translation>
    </message>
    <message>
        <source>The DICOMweb answer ended in the middle of an instance</source>
        <translation>DICOMweb の応答がインスタンスの途中で終わっています</translation>
    </message>
    <message>
        <source>No case {case_id} in this workspace</source>
        <translation>このワークスペースに症例 {case_id} はありません</translation>
    </message>
    <message>
        <source>The signed report is not a PDF</source>
        <translation>署名済みレポートが PDF ではありません</translation>
    </message>
    <message>
        <source>{rel}: refused, {problem} (fetched {mismatches} times); it was not imported</source>
        <translation>{rel}: 拒否しました。{problem}（{mismatches} 回取得）。取り込んでいません</translation>
    </message>
    <message>
        <source>{rel}: refused, {exc}</source>
        <translation>{rel}: 拒否しました。{exc}</translation>
    </message>
    <message>
        <source>{rel}: refused, {exc2}</source>
        <translation>{rel}: 拒否しました。{exc2}</translation>
    </message>
    <message>
        <source>{rel}: refused, the server sent another instance than the one asked for</source>
        <translation>{rel}: 拒否しました。サーバーが要求したものとは別のインスタンスを送信しました</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>&amp;Sync now</source>
        <translation>今すぐ同期(&amp;S)</translation>
    </message>
    <message>
        <source>Pull new assignments and send the outbox (F5)</source>
        <translation>新しい依頼を取得し、送信トレイを送信(F5)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop the sync; what was fetched is kept for the next one</source>
        <translation>同期を中止します。取得済みのものは次回のために保持されます</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>症例</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>No case is being fetched.</source>
        <translation>取得中の症例はありません。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>The outbox is empty: signed reports wait here until the platform acknowledges them.</source>
        <translation>送信トレイは空です: 署名済みレポートはプラットフォームが受領するまでここで待機します。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sync&lt;/b&gt;</source>
        <translation>&lt;b&gt;同期&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cases being fetched&lt;/b&gt;</source>
        <translation>&lt;b&gt;取得中の症例&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outbox&lt;/b&gt;</source>
        <translation>&lt;b&gt;送信トレイ&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <source>Sync with the platform is not set up for this workspace. In a terminal run
  reviewer sync configure --platform-url https://platform.example/fhir --owner Practitioner/ID
  reviewer sync configure --token-stdin   (paste the token; it goes to the OS keyring)
or, for folder exchange: reviewer sync configure --kind folder --inbox DIR --outbox DIR</source>
        <translation>このワークスペースではプラットフォームとの同期が設定されていません。ターミナルで次を実行してください
  reviewer sync configure --platform-url https://platform.example/fhir --owner Practitioner/ID
  reviewer sync configure --token-stdin   （トークンを貼り付けます。OS キーリングに保存されます）
フォルダ経由でやり取りする場合: reviewer sync configure --kind folder --inbox DIR --outbox DIR</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>準備中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>ダウンロード中</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>取り込み中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>送信待ち</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>送信済み</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>less than 5 s</source>
        <translation>5 秒未満</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m}分</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h}時間{m}分</translation>
    </message>
    <message>
        <source>at the next sync</source>
        <translation>次回の同期時</translation>
    </message>
    <message>
        <source>in a few seconds</source>
        <translation>数秒後</translation>
    </message>
    <message>
        <source>in {eta}</source>
        <translation>{eta}後</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{total} 中 {done}</translation>
    </message>
    <message>
        <source>{eta} left</source>
        <translation>残り {eta}</translation>
    </message>
    <message>
        <source>about {eta} left</source>
        <translation>残り約 {eta}</translation>
    </message>
    <message>
        <source>{done} of {total} files</source>
        <translation>{total} 中 {done} ファイル</translation>
    </message>
    <message>
        <source>continues at the next sync</source>
        <translation>次回の同期で再開</translation>
    </message>
    <message>
        <source>Signed addendum</source>
        <translation>署名済み追補</translation>
    </message>
    <message>
        <source>Signed report</source>
        <translation>署名済み意見書</translation>
    </message>
    <message>
        <source>Case status → {status}</source>
        <translation>症例の状態 → {status}</translation>
    </message>
    <message>
        <source>acknowledged {when}</source>
        <translation>受領確認 {when}</translation>
    </message>
    <message>
        <source>the platform refused it</source>
        <translation>プラットフォームが受け付けませんでした</translation>
    </message>
    <message>
        <source>try {n} {when}</source>
        <translation>{n} 回目の試行 {when}</translation>
    </message>
    <message>
        <source>queued, sent at the next sync</source>
        <translation>待機中（次回の同期で送信）</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>同期: 未設定</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>同期中…</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>未同期</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>最終同期 {when}</translation>
    </message>
    <message>
        <source>{n} waiting in the outbox</source>
        <translation>送信トレイに {n} 件待機中</translation>
    </message>
    <message>
        <source>Sync: {state}</source>
        <translation>同期: {state}</translation>
    </message>
    <message>
        <source>New assignment: case {case} is in the worklist</source>
        <translation>新しい依頼: 症例 {case} がワークリストに追加されました</translation>
    </message>
    <message>
        <source>{n} new assignments in the worklist: {cases}</source>
        <translation>ワークリストに新しい依頼が {n} 件: {cases}</translation>
    </message>
</context>
<context>
    <name>TagBrowser</name>
    <message>
        <source>Search tags: keyword, (gggg,eeee), value…</source>
        <translation>タグを検索: キーワード、(gggg,eeee)、値…</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>キーワード</translation>
    </message>
    <message>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>instance {n}</source>
        <translation>インスタンス {n}</translation>
    </message>
    <message>
        <source>frame {n}</source>
        <translation>フレーム {n}</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>パスフレーズを再入力</translation>
    </message>
    <message>
        <source>No OS keyring on this machine: protect the workspace with the passphrase only (weaker)</source>
        <translation>この端末には OS のキーリングがありません: パスフレーズのみでワークスペースを保護する(安全性が低下します)</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再入力</translation>
    </message>
    <message>
        <source>Create your encrypted workspace</source>
        <translation>暗号化ワークスペースの作成</translation>
    </message>
    <message>
        <source>Workspace locked</source>
        <translation>ワークスペースはロックされています</translation>
    </message>
    <message>
        <source>Workspace: {folder}</source>
        <translation>ワークスペース: {folder}</translation>
    </message>
    <message>
        <source>Choose a passphrase (at least 8 characters). It cannot be recovered.</source>
        <translation>パスフレーズを決めてください(8文字以上)。忘れると復元できません。</translation>
    </message>
    <message>
        <source>Enter your passphrase to unlock.</source>
        <translation>パスフレーズを入力してロックを解除してください。</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>ワークスペースを作成</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>2つのパスフレーズが一致しません。</translation>
    </message>
    <message>
        <source>No OS keyring is available: tick the passphrase-only option to continue, or start a keyring and reopen.</source>
        <translation>OS のキーリングが使えません: 続けるにはパスフレーズのみのオプションにチェックを入れるか、キーリングを起動してから開き直してください。</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>作成中…</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>ロック解除中…</translation>
    </message>
</context>
<context>
    <name>VolumeView</name>
    <message>
        <source>Transfer function preset (keys 1–4)</source>
        <translation>伝達関数プリセット(キー1–4)</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>表示をリセット</translation>
    </message>
    <message>
        <source>Anterior view, whole volume (R)</source>
        <translation>正面から、ボリューム全体(R)</translation>
    </message>
    <message>
        <source>3D rendering needs a grey-scale volume of several slices</source>
        <translation>3Dレンダリングには複数スライスのグレースケールボリュームが必要です</translation>
    </message>
</context>
<context>
    <name>VolumeViewport</name>
    <message>
        <source>Imaging: 3D</source>
        <translation>画像: 3D</translation>
    </message>
    <message>
        <source>Reset the camera</source>
        <translation>カメラをリセット</translation>
    </message>
    <message>
        <source>Rendering presets: CT bone, soft tissue, angio, MIP</source>
        <translation>レンダリングプリセット: CT骨、軟部組織、血管、MIP</translation>
    </message>
    <message>
        <source>Rotate / zoom</source>
        <translation>回転/拡大縮小</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>レンダリング中…</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <source>Case</source>
        <translation>症例</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Specialty</source>
        <translation>診療科</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>依頼内容</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>依頼済み</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受諾済み</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>対応中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>通常</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>至急</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>最優先</translation>
    </message>
    <message>
        <source>STAT</source>
        <translation>緊急</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男性</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d}日{h}時間</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h}時間{m}分</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m}分</translation>
    </message>
    <message>
        <source>overdue {span}</source>
        <translation>{span}超過</translation>
    </message>
    <message>
        <source>in {span}</source>
        <translation>残り{span}</translation>
    </message>
</context>
<context>
    <name>WorklistView</name>
    <message>
        <source>Filter cases: patient, case id, question, specialty…  (Ctrl+F)</source>
        <translation>症例を絞り込み: 患者、症例ID、依頼内容、診療科…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>ワークリスト</translation>
    </message>
    <message>
        <source>{shown} of {total} cases</source>
        <translation>{total} 件中 {shown} 件</translation>
    </message>
</context>
</TS>
